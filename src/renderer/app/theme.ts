import { createTheme } from '@mantine/core';

// Focus rings always visible for keyboard users (Mantine's default shows them on :focus-visible).
export const theme = createTheme({
  focusRing: 'auto',
  primaryColor: 'teal',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});
