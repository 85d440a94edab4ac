// "Create customer" on the card of an unknown caller: salutation, name, the caller's number
// (pre-filled, E.164), optional e-mail, tier (regular by default). Saved through core's
// outbox (`customer.create`), so it works offline; the new customer then becomes the call's
// screen pop and its profile opens, so the wrap-up attaches to it.
import { Alert, Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS, type Salutation, type Tier } from '../../../shared/domain.js';
import { toE164 } from '../../../shared/phone.js';
import { errorCodeOf } from '../../platform/errors.js';
import { sapa } from '../../platform/sapa.js';
import { useCustomerStore } from '../customer/store.js';
import { useHistoryStore } from '../history/store.js';
import { useSoftphoneStore } from './store.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function NewCustomerForm({ callId, number, onClose }: { callId: string; number: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [salutation, setSalutation] = useState<Salutation | ''>('');
  const [fullName, setFullName] = useState('');
  const [phone, setPhone] = useState(number);
  const [email, setEmail] = useState('');
  const [tier, setTier] = useState<Tier>('regular');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);

  const nameError = touched && fullName.trim() === '' ? t('softphone.newCustomer.nameRequired') : undefined;
  const phoneError = touched && !toE164(phone) ? t('softphone.newCustomer.badPhone') : undefined;
  const emailError = touched && email.trim() !== '' && !EMAIL.test(email.trim()) ? t('softphone.newCustomer.badEmail') : undefined;

  const save = async () => {
    setTouched(true);
    if (fullName.trim() === '' || !toE164(phone) || (email.trim() !== '' && !EMAIL.test(email.trim()))) return;
    setSaving(true);
    setError(null);
    try {
      const customer = await sapa().call('softphone.createCustomer', {
        salutation: salutation || null, fullName: fullName.trim(), phone, email: email.trim() || null, tier,
      });
      useSoftphoneStore.getState().setPop(callId, { status: 'found', customers: [customer], source: 'cache' });
      void useCustomerStore.getState().open(customer.id);
      void useHistoryStore.getState().load(customer.id);
      onClose();
    } catch (e) {
      setError(errorCodeOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form noValidate aria-label={t('softphone.newCustomer.title')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <Stack gap={6}>
        <Group gap="xs" align="start" grow>
          <NativeSelect
            size="xs" label={t('softphone.newCustomer.salutation')} value={salutation} maw={110}
            data={[{ value: '', label: t('softphone.newCustomer.noSalutation') }, { value: 'Bapak', label: 'Bapak' }, { value: 'Ibu', label: 'Ibu' }]}
            onChange={(e) => setSalutation(e.currentTarget.value as Salutation | '')}
          />
          <TextInput
            size="xs" label={t('softphone.newCustomer.fullName')} required value={fullName} maxLength={200} data-autofocus autoFocus
            error={nameError} onChange={(e) => setFullName(e.currentTarget.value)}
          />
        </Group>
        <TextInput size="xs" label={t('softphone.newCustomer.phone')} required value={phone} maxLength={64} error={phoneError} onChange={(e) => setPhone(e.currentTarget.value)} />
        <TextInput size="xs" type="email" label={t('softphone.newCustomer.email')} value={email} maxLength={254} error={emailError} onChange={(e) => setEmail(e.currentTarget.value)} />
        <NativeSelect
          size="xs" label={t('softphone.newCustomer.tier')} value={tier}
          data={TIERS.map((v) => ({ value: v, label: t(`tier.${v}`) }))}
          onChange={(e) => setTier(e.currentTarget.value as Tier)}
        />
        {error && <Alert color="red" p="xs" role="alert">{t('softphone.newCustomer.failed', { code: error })}</Alert>}
        <Group gap="xs">
          <Button size="xs" type="submit" loading={saving}>{t('softphone.newCustomer.save')}</Button>
          <Button size="xs" variant="subtle" onClick={onClose}>{t('softphone.newCustomer.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
