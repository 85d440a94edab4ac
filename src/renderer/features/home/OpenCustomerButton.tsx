// A customer's name that opens the customer screen (the home's lists all use it).
import { UnstyledButton } from '@mantine/core';
import { type Salutation } from '../../../shared/domain.js';
import { displayName } from '../customer/display-name.js';
import { useCustomerStore } from '../customer/store.js';

export function OpenCustomerButton({ customerId, name, salutation, label }: {
  customerId: string; name: string; salutation: Salutation | null; label?: string;
}) {
  return (
    <UnstyledButton
      className="sapa-link-button sapa-open-customer"
      aria-label={label}
      onClick={() => void useCustomerStore.getState().open(customerId)}
    >
      {displayName(salutation, name)}
    </UnstyledButton>
  );
}
