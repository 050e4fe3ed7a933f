import { Box } from "@mantine/core";

/** A column of the studio's grid: scrolls inside itself, with an optional line on one side. */
export function Panel({ children, border }: { children: React.ReactNode; border?: "left" | "right" }) {
  const line = "1px solid var(--mantine-color-dark-4)";
  return (
    <Box
      style={{
        minHeight: 0,
        overflow: "hidden",
        display: "flex",
        flexDirection: "column",
        borderLeft: border === "left" ? line : undefined,
        borderRight: border === "right" ? line : undefined,
      }}
    >
      {children}
    </Box>
  );
}
