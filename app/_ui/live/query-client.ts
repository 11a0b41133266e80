import { QueryClient } from '@tanstack/react-query';

/** One react-query client per browser tab, shared by the live components. */
export const liveQueryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 0 } },
});
