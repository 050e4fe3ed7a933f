import { describe, expect, it } from "vitest";
import { schedulerChoices } from "./schedulers";

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
