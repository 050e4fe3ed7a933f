import { QueryClient } from "@tanstack/react-query";

/**
 * Server data stays fresh because the event stream invalidates exactly what changed; there is no polling
 * and no refetch on focus. After a reconnect everything is refetched once (events may have been missed).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 5 * 60_000, refetchOnWindowFocus: false, retry: 1 },
      mutations: { retry: 0 },
    },
  });
}
