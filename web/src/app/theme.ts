import { createTheme } from "@mantine/core";

/** Dark by default, a warm accent (an impasto orange), compact controls for a dense studio. */
export const theme = createTheme({
  primaryColor: "orange",
  defaultRadius: "sm",
  fontSizes: { xs: "0.7rem", sm: "0.8125rem", md: "0.875rem", lg: "1rem", xl: "1.125rem" },
  fontFamily: "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  fontFamilyMonospace: "'JetBrains Mono', ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
  components: {
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true } },
    NumberInput: { defaultProps: { size: "xs" } },
    Select: { defaultProps: { size: "xs" } },
    TextInput: { defaultProps: { size: "xs" } },
    Switch: { defaultProps: { size: "xs" } },
  },
});
