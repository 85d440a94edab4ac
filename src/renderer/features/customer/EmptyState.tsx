import { Text } from '@mantine/core';

export function EmptyState({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed" p="md">
      {children}
    </Text>
  );
}
