/** The Canvas tab: the Generate panel's settings (with an Invoke that sends the box) and the canvas. */
import { Panel } from "@/common/components/Panel";
import { GeneratePanel } from "@/features/generate/components/GeneratePanel";
import { CanvasInvokeBar } from "./CanvasInvokeBar";
import { CanvasWorkspace } from "./CanvasWorkspace";

export default function CanvasTab() {
  return (
    <>
      <Panel border="right">
        <GeneratePanel invokeBar={<CanvasInvokeBar />} withInitImage={false} withUnits={false} />
      </Panel>
      <Panel>
        <CanvasWorkspace />
      </Panel>
    </>
  );
}
