import { Accordion, Alert, Box, Group, ScrollArea, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useEffect } from "react";
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { useFamily } from "../hooks/useFamily";
import { isRefinerModel } from "../lib/refiner";
import { useGenerateStore } from "../store/generateStore";
import { AdvancedSection } from "./AdvancedSection";
import { ControlUnits } from "./ControlUnits";
import { DynamicPreview } from "./DynamicPreview";
import { EmbeddingPicker } from "./EmbeddingPicker";
import { InitImageSection } from "./InitImageSection";
import { InvokeBar } from "./InvokeBar";
import { LoraPicker } from "./LoraPicker";
import { ModelPicker } from "./ModelPicker";
import { PromptEditor } from "./PromptEditor";
import { PromptHelp } from "./PromptHelp";
import { ReferenceImageSection } from "./ReferenceImageSection";
import { ReferenceUnits } from "./ReferenceUnits";
import { RefinerSection } from "./RefinerSection";
import { SamplingControls } from "./SamplingControls";
import { SizeControls } from "./SizeControls";
import { StylePresetPicker } from "./StylePresetPicker";

/** Picks the server's default model while the form names none that is installed. */
function useDefaultModel() {
  const { models, byKey, defaultKey } = useInstalledModels();
  const model = useGenerateStore((state) => state.model);
  const chooseModel = useGenerateStore((state) => state.chooseModel);
  useEffect(() => {
    const current = model ? byKey.get(model) : undefined;
    const usable = (record: (typeof models)[number] | undefined) => record?.type === "main" && !isRefinerModel(record);
    if (usable(current)) return;
    const fallback = (defaultKey ? byKey.get(defaultKey) : undefined) ?? models.find((record) => usable(record));
    if (fallback) chooseModel(fallback, models);
  }, [model, byKey, defaultKey, models, chooseModel]);
}

function Prompts() {
  const prompt = useGenerateStore((state) => state.prompt);
  const negative = useGenerateStore((state) => state.negativePrompt);
  const update = useGenerateStore((state) => state.update);
  const problems = useGenerateStore((state) => state.problems);
  const { controls } = useFamily();
  return (
    <Stack gap="xs">
      <Box style={{ position: "relative" }}>
        <Group style={{ position: "absolute", right: 0, top: -4, zIndex: 1 }}>
          <PromptHelp />
        </Group>
        <PromptEditor
          target="prompt"
          label="Prompt"
          value={prompt}
          onChange={(value) => update({ prompt: value })}
          placeholder="a red circle on a blue background"
          error={problems.prompt}
          minRows={3}
          testId="prompt"
        />
      </Box>
      <DynamicPreview />
      {controls.negativePrompt ? (
        <PromptEditor
          target="negativePrompt"
          label="Negative prompt"
          value={negative}
          onChange={(value) => update({ negativePrompt: value })}
          placeholder="what the image should not show"
          error={problems.negativePrompt}
          minRows={1}
          testId="negative-prompt"
        />
      ) : (
        <Text size="xs" c="dimmed" data-testid="negative-prompt-off">
          FLUX takes a negative prompt only with True CFG above 1 (Image settings).
        </Text>
      )}
      <StylePresetPicker />
    </Stack>
  );
}

export interface GeneratePanelProps {
  /** The bar with the Invoke button (the canvas brings its own, which sends its box). */
  invokeBar?: React.ReactNode;
  /** On the canvas the box is the init image, so the Image to image section is left out. */
  withInitImage?: boolean;
  /** On the canvas control layers and the canvas's reference images take the place of the form's units. */
  withUnits?: boolean;
}

/** The settings column of the Generate tab (and of the Canvas tab). */
export function GeneratePanel({ invokeBar, withInitImage = true, withUnits = true }: GeneratePanelProps = {}) {
  useDefaultModel();
  const general = useGenerateStore((state) => state.general);
  const loraCount = useGenerateStore((state) => state.loras.filter((lora) => lora.enabled).length);
  const unitCount = useGenerateStore((state) => state.controlUnits.filter((unit) => unit.enabled).length);
  const referenceCount = useGenerateStore((state) => state.referenceUnits.length);
  const { controls } = useFamily();
  const initImage = useGenerateStore((state) => state.initImage);
  const referenceImage = useGenerateStore((state) => state.referenceImage);
  return (
    <Stack gap={0} h="100%" data-testid="generate-panel">
      {invokeBar ?? <InvokeBar />}
      <ScrollArea style={{ flex: 1 }} type="auto" offsetScrollbars>
        <Stack gap="xs" p="xs">
          {general && (
            <Alert color="red" icon={<IconAlertTriangle size={16} />} p="xs" data-testid="generate-error">
              <Text size="xs">{general}</Text>
            </Alert>
          )}
          <Prompts />
          <Accordion multiple defaultValue={["model", "reference", "image"]} variant="separated" chevronPosition="left">
            <Accordion.Item value="model">
              <Accordion.Control>
                Model{loraCount ? ` · ${loraCount} LoRA${loraCount > 1 ? "s" : ""}` : ""}
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  <ModelPicker />
                  <LoraPicker />
                  <EmbeddingPicker />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
            {controls.reference && (
              <Accordion.Item value="reference">
                <Accordion.Control>Reference image{referenceImage ? " · on" : ""}</Accordion.Control>
                <Accordion.Panel>
                  <ReferenceImageSection />
                </Accordion.Panel>
              </Accordion.Item>
            )}
            <Accordion.Item value="image">
              <Accordion.Control>Image</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  <SizeControls />
                  <SamplingControls />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
            {withInitImage && (
              <Accordion.Item value="img2img">
                <Accordion.Control>Image to image{initImage ? " · on" : ""}</Accordion.Control>
                <Accordion.Panel>
                  <InitImageSection />
                </Accordion.Panel>
              </Accordion.Item>
            )}
            {withUnits && (
              <>
                <Accordion.Item value="control">
                  <Accordion.Control>Control{unitCount && controls.sdOnly ? ` · ${unitCount}` : ""}</Accordion.Control>
                  <Accordion.Panel>
                    <ControlUnits />
                  </Accordion.Panel>
                </Accordion.Item>
                <Accordion.Item value="references">
                  <Accordion.Control>
                    Reference images{referenceCount && controls.referenceImages ? ` · ${referenceCount}` : ""}
                  </Accordion.Control>
                  <Accordion.Panel>
                    <ReferenceUnits />
                  </Accordion.Panel>
                </Accordion.Item>
              </>
            )}
            <RefinerSection />
            <Accordion.Item value="advanced">
              <Accordion.Control>Advanced</Accordion.Control>
              <Accordion.Panel>
                <AdvancedSection />
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        </Stack>
      </ScrollArea>
    </Stack>
  );
}
