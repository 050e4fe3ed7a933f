import { describe, expect, it } from "vitest";
import { fitScheduler, schedulerChoices, schedulersFor } from "./schedulers";

describe("schedulerChoices", () => {
  it("reads the choices and labels of the node's scheduler input", () => {
    const node = {
      inputs: {
        scheduler: { ui: { component: "select", choice_labels: { euler: "Euler", dpmpp_2m_k: "DPM++ 2M Karras" } } },
      },
    };
    expect(schedulerChoices(node)).toEqual([
      { value: "euler", label: "Euler" },
      { value: "dpmpp_2m_k", label: "DPM++ 2M Karras" },
    ]);
  });

  it("gives no choices for anything else", () => {
    expect(schedulerChoices(null)).toEqual([]);
    expect(schedulerChoices({ inputs: { scheduler: { ui: {} } } })).toEqual([]);
  });
});

describe("schedulers per family", () => {
  const listed = [
    { value: "ddim", label: "DDIM" },
    { value: "euler", label: "Euler" },
    { value: "heun", label: "Heun" },
    { value: "dpmpp_2m_k", label: "DPM++ 2M Karras" },
    { value: "lcm", label: "LCM" },
  ];

  it("offers the flow schedulers the server lists to FLUX and SD 3.5, everything to SD", () => {
    const flow = [
      { value: "euler", label: "Euler" },
      { value: "heun", label: "Heun" },
      { value: "lcm", label: "LCM" },
    ];
    expect(schedulersFor("flux", listed)).toEqual(flow);
    expect(schedulersFor("sd3", listed)).toEqual(flow);
    expect(schedulersFor("sd", listed)).toBe(listed);
    expect(schedulersFor("flux", [])).toEqual([{ value: "euler", label: "Euler" }]);
  });

  it("replaces a scheduler a flow model cannot use by Euler", () => {
    expect(fitScheduler("dpmpp_2m_k", "flux")).toBe("euler");
    expect(fitScheduler("heun", "sd3")).toBe("heun");
    expect(fitScheduler("dpmpp_2m_k", "sd")).toBe("dpmpp_2m_k");
  });
});
