/**
 * Where persisted stores keep their state: the browser's localStorage, or memory where there is none
 * (unit tests under Node, private modes that refuse storage).
 */
import { createJSONStorage, type PersistStorage } from "zustand/middleware";

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (index) => [...data.keys()][index] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

function browserStorage(): Storage {
  try {
    if (typeof localStorage !== "undefined") return localStorage;
  } catch {
    // Access can throw where storage is disabled.
  }
  return memoryStorage();
}

export function persistentStorage<T>(): PersistStorage<T> | undefined {
  return createJSONStorage<T>(browserStorage);
}
