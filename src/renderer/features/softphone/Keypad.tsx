// A 12-key phone keypad (dial pad and DTMF); every key is a button with its digit as name.
import { Button, SimpleGrid } from '@mantine/core';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function Keypad({ label, onDigit }: { label: string; onDigit: (digit: string) => void }) {
  return (
    <SimpleGrid cols={3} spacing={4} role="group" aria-label={label} maw={180}>
      {KEYS.map((k) => (
        <Button key={k} size="xs" variant="default" onClick={() => onDigit(k)}>{k}</Button>
      ))}
    </SimpleGrid>
  );
}
