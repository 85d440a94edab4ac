// The Organisation screen (/admin/org, admins): tabs for queues, skills, dispositions (with
// the wrap-up time limit), teams, branches & sites, working hours & holidays, the hotline
// schedule, and the case SLA targets (CaseSlaTab). Each list is an OrgTable over the shared schemas of src/shared/org.ts.
import { Stack, Tabs, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  Branch, BranchUpdate, DispositionRow, DispositionUpdate, QueueCreateForm, QueueUpdateForm, Site, SiteUpdate, Skill, SkillUpdate, TeamInput,
} from '../../../shared/org.js';
import { DEFAULT_QUEUE_ROUTING } from '../../../shared/queue-routing.js';
import { sapa } from '../../platform/sapa.js';
import { CaseSlaTab } from './CaseSlaTab.js';
import { HoursTab } from './HoursTab.js';
import { ScheduleTab } from './ScheduleTab.js';
import { OrgTable, type Row } from './OrgTable.js';
import { WrapUpLimit } from './WrapUpLimit.js';

const byCode = (r: Row) => String(r.code);

/** Queues with their routing (src/shared/queue-routing.ts): numbers and addresses, skills, waits, overflow. */
function QueuesTab() {
  const { t } = useTranslation();
  const sites = useQuery({ queryKey: ['admin.org', 'sites', 'options'], queryFn: () => sapa().call('admin.org.sites.list', { limit: 200 }) });
  const seconds = ['widenSkilledAfterSec', 'widenAnyoneAfterSec', 'reservationSec', 'missesBeforeNotReady', 'maxWaitSec', 'overflowWaitSec', 'wrapUpLimitSec'];
  return (
    <OrgTable kind="queues" idOf={byCode} create={QueueCreateForm} update={QueueUpdateForm}
      blank={{ code: '', labelId: '', labelEn: '', caseCategories: [], active: true, ...DEFAULT_QUEUE_ROUTING }}
      columns={['code', 'labelId', 'labelEn', 'caseCategories', 'hotlineNumbers', 'mailAddresses', 'requiredSkills', 'active']}
      fields={[
        { key: 'code', kind: 'code' }, { key: 'labelId', kind: 'text' }, { key: 'labelEn', kind: 'text' },
        { key: 'caseCategories', kind: 'list' }, { key: 'active', kind: 'bool' },
        { key: 'hotlineNumbers', kind: 'list' }, { key: 'mailAddresses', kind: 'list' }, { key: 'requiredSkills', kind: 'list' },
        ...seconds.map((key) => ({ key, kind: 'number' as const })),
        { key: 'maxWaitAction', kind: 'select', options: [
          { value: 'callback', label: t('adminOrg.maxWaitAction.callback') }, { value: 'overflow', label: t('adminOrg.maxWaitAction.overflow') }] },
        { key: 'overflowSiteCode', kind: 'select', options: (sites.data?.items ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` })) },
        { key: 'weights', kind: 'json' },
      ]} />
  );
}

function TeamsTab() {
  const leads = useQuery({ queryKey: ['admin.org.teams.leads'], queryFn: () => sapa().call('admin.org.teams.leads', {}) });
  const branches = useQuery({ queryKey: ['admin.org', 'branches', 'options'], queryFn: () => sapa().call('admin.org.branches.list', { limit: 200 }) });
  return (
    <OrgTable kind="teams" idOf={(r) => String(r.id)} create={TeamInput} update={TeamInput}
      blank={{ name: '', branchCode: null, leadUserId: null }}
      columns={['name', 'branchCode', 'leadName']}
      fields={[
        { key: 'name', kind: 'text' },
        { key: 'branchCode', kind: 'select', options: (branches.data?.items ?? []).map((b) => ({ value: b.code, label: `${b.name} (${b.code})` })) },
        { key: 'leadUserId', kind: 'select', options: (leads.data?.leads ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })) },
      ]} />
  );
}

function PlacesTab() {
  const { t } = useTranslation();
  const sites = useQuery({ queryKey: ['admin.org', 'sites', 'options'], queryFn: () => sapa().call('admin.org.sites.list', { limit: 200 }) });
  return (
    <Stack gap="md">
      <Title order={4}>{t('adminOrg.tab.branches')}</Title>
      <OrgTable kind="branches" idOf={byCode} create={Branch.strict()} update={BranchUpdate} blank={{ code: '', name: '', siteCode: null }}
        columns={['code', 'name', 'siteCode']}
        fields={[
          { key: 'code', kind: 'code' }, { key: 'name', kind: 'text' },
          { key: 'siteCode', kind: 'select', options: (sites.data?.items ?? []).map((s) => ({ value: s.code, label: `${s.name} (${s.code})` })) },
        ]} />
      <Title order={4}>{t('adminOrg.tab.sites')}</Title>
      <OrgTable kind="sites" idOf={byCode} create={Site.strict()} update={SiteUpdate} blank={{ code: '', name: '' }}
        columns={['code', 'name']} fields={[{ key: 'code', kind: 'code' }, { key: 'name', kind: 'text' }]} />
    </Stack>
  );
}

export function OrgPage() {
  const { t } = useTranslation();
  return (
    <section aria-label={t('adminOrg.title')}>
      <Stack gap="sm" p="md">
        <Title order={2}>{t('adminOrg.title')}</Title>
        <Tabs defaultValue="queues" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="queues">{t('adminOrg.tab.queues')}</Tabs.Tab>
            <Tabs.Tab value="skills">{t('adminOrg.tab.skills')}</Tabs.Tab>
            <Tabs.Tab value="dispositions">{t('adminOrg.tab.dispositions')}</Tabs.Tab>
            <Tabs.Tab value="teams">{t('adminOrg.tab.teams')}</Tabs.Tab>
            <Tabs.Tab value="places">{t('adminOrg.tab.places')}</Tabs.Tab>
            <Tabs.Tab value="hours">{t('adminOrg.tab.hours')}</Tabs.Tab>
            <Tabs.Tab value="schedule">{t('adminOrg.tab.schedule')}</Tabs.Tab>
            <Tabs.Tab value="caseSla">{t('caseSla.tab')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="queues" pt="sm"><QueuesTab /></Tabs.Panel>
          <Tabs.Panel value="skills" pt="sm">
            <OrgTable kind="skills" idOf={byCode} create={Skill.strict()} update={SkillUpdate}
              blank={{ code: '', labelId: '', labelEn: '', active: true }}
              columns={['code', 'labelId', 'labelEn', 'active']}
              fields={[{ key: 'code', kind: 'code' }, { key: 'labelId', kind: 'text' }, { key: 'labelEn', kind: 'text' }, { key: 'active', kind: 'bool' }]} />
          </Tabs.Panel>
          <Tabs.Panel value="dispositions" pt="sm">
            <Stack gap="md">
              <WrapUpLimit />
              <OrgTable kind="dispositions" idOf={byCode} create={DispositionRow.strict()} update={DispositionUpdate}
                blank={{ code: '', labelId: '', labelEn: '', needsFollowUp: false, position: 100, active: true }}
                columns={['position', 'code', 'labelId', 'labelEn', 'needsFollowUp', 'active']}
                fields={[{ key: 'code', kind: 'code' }, { key: 'labelId', kind: 'text' }, { key: 'labelEn', kind: 'text' },
                  { key: 'needsFollowUp', kind: 'bool' }, { key: 'position', kind: 'number' }, { key: 'active', kind: 'bool' }]} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="teams" pt="sm"><TeamsTab /></Tabs.Panel>
          <Tabs.Panel value="places" pt="sm"><PlacesTab /></Tabs.Panel>
          <Tabs.Panel value="hours" pt="sm"><HoursTab /></Tabs.Panel>
          <Tabs.Panel value="schedule" pt="sm"><ScheduleTab /></Tabs.Panel>
          <Tabs.Panel value="caseSla" pt="sm"><CaseSlaTab /></Tabs.Panel>
        </Tabs>
      </Stack>
    </section>
  );
}
