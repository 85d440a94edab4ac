// A won opportunity makes its suspect or prospect a customer (issue 18: "the lifecycle stage
// moves with the pipeline"). The prospects module owns the lifecycle rules; until its
// function is merged this one small update is the only place the pipeline touches it
// (loyal and advocate customers stay as they are).
import { type Db } from '../db/db.js';

export async function promoteToCustomer(tx: Db, customerId: string): Promise<void> {
  await tx.query(`UPDATE customers SET lifecycle = 'customer' WHERE id = $1 AND lifecycle IN ('suspect', 'prospect')`, [customerId]);
}
