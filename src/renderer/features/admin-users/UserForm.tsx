// Create or edit one user in a drawer: role, branch, team (with its lead), queues, skills
// with levels and the SIP extension. The server checks every field again; its answer's
// message is shown as it is (it names the field and the code it refused).
import { useState, type FormEvent } from 'react';
import { NumberInput, Alert, Button, Checkbox, Drawer, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EMAIL_PATTERN, type AdminUser, type UserFields, type UserOptions } from '../../../shared/admin-users.js';
import { ROLES, type Role } from '../../../shared/domain.js';
import { useLanguage } from '../settings/useLanguage.js';
import { userErrorText } from './user-error.js';

export interface UserFormProps {
  user: AdminUser | null;
  options: UserOptions;
  onSubmit(fields: UserFields & { username?: string }): Promise<void>;
  onClose(): void;
}

const LEVELS = ['1', '2', '3', '4', '5'];

export function UserForm({ user, options, onSubmit, onClose }: UserFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'agent');
  const [branch, setBranch] = useState<string | null>(user?.branch ?? null);
  const [teamId, setTeamId] = useState<string | null>(user?.teamId ?? null);
  const [queues, setQueues] = useState<string[]>(user?.queues ?? []);
  const [skills, setSkills] = useState<Record<string, number>>(Object.fromEntries((user?.skills ?? []).map((s) => [s.code, s.level])));
  const [extension, setExtension] = useState(user?.extension ?? '');
  const [chatCapacity, setChatCapacity] = useState<number>(user?.chatCapacity ?? 3);
  const [email, setEmail] = useState(user?.email ?? '');
  const emailBad = email.trim() !== '' && !EMAIL_PATTERN.test(email.trim());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const label = (o: { labelId: string; labelEn: string }) => (language === 'id' ? o.labelId : o.labelEn);
  const team = options.teams.find((x) => x.id === teamId);
  // A retired queue or skill the user still has stays listed so it can be taken off.
  const queueChoices = [...options.queues, ...queues.filter((q) => !options.queues.some((o) => o.code === q)).map((code) => ({ code, labelId: code, labelEn: code }))];
  const skillChoices = [...options.skills, ...Object.keys(skills).filter((s) => !options.skills.some((o) => o.code === s)).map((code) => ({ code, labelId: code, labelEn: code }))];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if ((!user && username.trim() === '') || displayName.trim() === '' || emailBad) { setMissing(true); return; }
    setMissing(false);
    setSaving(true);
    setError(null);
    try {
      await onSubmit({
        ...(user ? {} : { username: username.trim() }),
        displayName: displayName.trim(), role, branch, teamId, queues,
        skills: Object.entries(skills).map(([code, level]) => ({ code, level })),
        extension: extension.trim() === '' ? null : extension.trim(),
        chatCapacity,
        email: email.trim() === '' ? null : email.trim(),
      });
    } catch (e) {
      setError(userErrorText(t, e));
    } finally {
      setSaving(false);
    }
  }

  const title = user ? t('adminUsers.editTitle', { name: user.displayName }) : t('adminUsers.createTitle');
  return (
    <Drawer opened onClose={onClose} position="right" size={460} title={title} closeButtonProps={{ 'aria-label': t('adminUsers.close') }}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
        <Stack gap="sm">
          {!user && (
            <TextInput label={t('adminUsers.username')} required maxLength={64} value={username} autoComplete="off"
              error={missing && username.trim() === '' ? t('adminUsers.required') : undefined}
              onChange={(e) => setUsername(e.currentTarget.value)} />
          )}
          <TextInput label={t('adminUsers.displayName')} required maxLength={200} value={displayName}
            error={missing && displayName.trim() === '' ? t('adminUsers.required') : undefined}
            onChange={(e) => setDisplayName(e.currentTarget.value)} />
          <Select label={t('adminUsers.role')} data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role}
            allowDeselect={false} onChange={(v) => v && setRole(v as Role)} />
          <Select label={t('adminUsers.branch')} placeholder={t('adminUsers.noBranch')} clearable searchable
            data={options.branches.map((b) => ({ value: b.code, label: b.name }))} value={branch} onChange={setBranch} />
          <Select label={t('adminUsers.team')} placeholder={t('adminUsers.noTeam')} clearable searchable
            data={options.teams.map((x) => ({ value: x.id, label: x.name }))} value={teamId} onChange={setTeamId}
            description={team ? (team.lead ? t('adminUsers.teamLead', { name: team.lead }) : t('adminUsers.noLead')) : undefined} />
          <Checkbox.Group label={t('adminUsers.queues')} value={queues} onChange={setQueues}>
            <Group gap="md" mt={4}>
              {queueChoices.map((q) => <Checkbox key={q.code} value={q.code} label={label(q)} />)}
            </Group>
          </Checkbox.Group>
          <Stack gap={4} role="group" aria-label={t('adminUsers.skills')}>
            <Text size="sm" fw={500}>{t('adminUsers.skills')}</Text>
            <Text size="xs" c="dimmed">{t('adminUsers.levelsHint')}</Text>
            {skillChoices.map((s) => {
              const level = skills[s.code];
              return (
                <Group key={s.code} gap="sm" wrap="nowrap">
                  <Checkbox w={180} label={label(s)} checked={level !== undefined}
                    onChange={(e) => {
                      const next = { ...skills };
                      if (e.currentTarget.checked) next[s.code] = 3; else delete next[s.code];
                      setSkills(next);
                    }} />
                  <Select w={130} size="xs" aria-label={t('adminUsers.skillLevel', { skill: label(s) })} disabled={level === undefined}
                    data={LEVELS.map((l) => ({ value: l, label: t('adminUsers.levelN', { level: l }) }))}
                    value={level === undefined ? null : String(level)} allowDeselect={false}
                    onChange={(v) => v && setSkills({ ...skills, [s.code]: Number(v) })} />
                </Group>
              );
            })}
          </Stack>
          <TextInput label={t('adminUsers.extension')} description={t('adminUsers.extensionHint')} maxLength={4} inputMode="numeric"
            value={extension} onChange={(e) => setExtension(e.currentTarget.value)} />
          <NumberInput label={t('adminUsers.chatCapacity')} description={t('adminUsers.chatCapacityHint')} min={0} max={10} allowDecimal={false}
            value={chatCapacity} onChange={(v) => setChatCapacity(typeof v === 'number' ? Math.max(0, Math.min(10, v)) : 0)} />
          <TextInput label={t('adminUsers.email')} description={t('adminUsers.emailHint')} type="email" maxLength={254} autoComplete="off"
            value={email} error={missing && emailBad ? t('adminUsers.emailInvalid') : undefined}
            onChange={(e) => setEmail(e.currentTarget.value)} />
          {error && <Alert color="red" role="alert" variant="light">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('adminUsers.cancel')}</Button>
            <Button type="submit" loading={saving}>{user ? t('adminUsers.save') : t('adminUsers.create')}</Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
