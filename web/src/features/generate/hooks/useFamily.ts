/** The selected main model and the controls its family shows (see `familyControls`). */
import { useInstalledModels } from "@/features/models/hooks/useModels";
import { familyControls } from "../lib/family";
import { useGenerateStore } from "../store/generateStore";

export function useFamily() {
  const { byKey } = useInstalledModels();
  const key = useGenerateStore((state) => state.model);
  const cfgScale = useGenerateStore((state) => state.cfgScale);
  const model = key ? (byKey.get(key) ?? null) : null;
  return { model, controls: familyControls(model, cfgScale) };
}
