import { Accordion, ScrollArea, Stack } from "@mantine/core";
import { useDefaultUpscaler, useUpscalePlan } from "../hooks/useUpscalePlan";
import { CreativeSettings } from "./CreativeSettings";
import { ScaleControl } from "./ScaleControl";
import { SourceImage } from "./SourceImage";
import { TargetBoard } from "./TargetBoard";
import { TileSettings } from "./TileSettings";
import { UpscaleBar } from "./UpscaleBar";
import { UpscalerPicker } from "./UpscalerPicker";

/** The settings column of the Upscale tab. */
export function UpscalePanel() {
  const plan = useUpscalePlan();
  useDefaultUpscaler(plan);
  return (
    <Stack gap={0} h="100%" data-testid="upscale-panel">
      <UpscaleBar plan={plan} />
      <ScrollArea style={{ flex: 1 }} type="auto" offsetScrollbars>
        <Stack gap="md" p="xs">
          <SourceImage plan={plan} />
          <UpscalerPicker plan={plan} />
          <ScaleControl plan={plan} />
          <CreativeSettings />
          <TargetBoard />
          <Accordion variant="separated" chevronPosition="left">
            <Accordion.Item value="advanced">
              <Accordion.Control>Advanced: tiles</Accordion.Control>
              <Accordion.Panel>
                <TileSettings />
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </Stack>
      </ScrollArea>
    </Stack>
  );
}
