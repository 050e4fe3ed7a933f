/**
 * Query keys of every server resource, as hierarchies: invalidating a prefix (e.g. `["images"]`) refreshes
 * everything below it. Server events map onto these prefixes in `invalidation.ts`.
 */
export const queryKeys = {
  health: ["health"] as const,
  config: ["config"] as const,
  queueStatus: ["queue", "status"] as const,
  queueItems: (params: object) => ["queue", "items", params] as const,
  queueItem: (id: number) => ["queue", "item", id] as const,
  images: ["images"] as const,
  imageNames: (query: object) => ["images", "names", query] as const,
  imagePage: (query: object, offset: number, limit: number) => ["images", "page", query, offset, limit] as const,
  image: (name: string) => ["images", "record", name] as const,
  imageMetadata: (name: string) => ["images", "metadata", name] as const,
  boards: ["boards"] as const,
  boardList: (includeArchived: boolean) => ["boards", "list", includeArchived] as const,
  models: ["models"] as const,
  modelList: ["models", "list"] as const,
  modelJobs: ["models", "jobs"] as const,
  starters: ["models", "starters"] as const,
  presets: ["presets"] as const,
  presetApply: (id: string, version: string, prompt: string, negative: string) =>
    ["presets", "apply", id, version, prompt, negative] as const,
  nodes: ["nodes"] as const,
  workflows: ["workflows"] as const,
  workflowList: (query: object) => ["workflows", "list", query] as const,
  workflowTags: ["workflows", "tags"] as const,
  nodePacks: ["nodes", "packs"] as const,
  node: (type: string) => ["nodes", type] as const,
  dynamicPrompt: (prompt: string, max: number) => ["prompts", "dynamic", prompt, max] as const,
  wildcards: ["prompts", "wildcards"] as const,
};
