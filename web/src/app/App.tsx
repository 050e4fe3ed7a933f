import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { createQueryClient } from "./queryClient";
import { Shell } from "./Shell";
import { theme } from "./theme";

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="dark">
      <QueryClientProvider client={queryClient}>
        <Notifications position="bottom-center" limit={4} />
        <Shell />
      </QueryClientProvider>
    </MantineProvider>
  );
}
