// One titled box of the home (call-backs, cases, e-mails, recent customers).
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode } from 'react';

export function HomeSection({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4">{title}</Title>
          {count !== undefined && <Text size="sm" c="dimmed">{count}</Text>}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
