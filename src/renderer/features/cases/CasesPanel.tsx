// The customer's cases tab: "New case" opens the filing form above the list; "Open" on a
// row shows the case's detail (its events, "Add internal note", "Reply to customer").
import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Customer360 } from '../../../shared/domain.js';
import { CasesTable } from '../customer/WorkTables.js';
import { CaseDetail } from './CaseDetail.js';
import { NewCaseForm } from './NewCaseForm.js';

export function CasesPanel({ data }: { data: Customer360 }) {
  const { t } = useTranslation();
  const [filing, setFiling] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const opened = openId ? data.cases.find((c) => c.id === openId) ?? null : null;
  return (
    <Stack gap="sm">
      {filing
        ? <NewCaseForm customer={data.customer} onDone={() => setFiling(false)} />
        : (
          <Group>
            <Button size="xs" onClick={() => setFiling(true)}>{t('cases.new.open')}</Button>
          </Group>
        )}
      <CasesTable cases={data.cases} onOpen={(c) => setOpenId(c.id)} />
      {opened && <CaseDetail key={opened.id} item={opened} onClose={() => setOpenId(null)} />}
    </Stack>
  );
}
