// `npm run token -- --name "iGate Kon Tum" --role importer|admin|province|chair|auditor [--unit CODE]`: creates an API
// token and prints it once (only its hash is kept). `--revoke NAME` revokes one; `--list` lists them.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runOnDatabase } from '../lib/db/connect';
import { selectDatabase } from '../lib/server/db';

const { values } = parseArgs({
  options: {
    name: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    revoke: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});
const ROLES = ['importer', 'admin', 'province', 'chair', 'auditor'] as const;
const by = `cli:${os.userInfo().username}`;
await runOnDatabase(
  async (url) => {
    selectDatabase(url);
    const { AccountError, createToken, listTokens, revokeToken } = await import('../lib/server/accounts');
    if (values.name) {
      const role = ROLES.find((r) => r === values.role);
      if (!role) throw new AccountError(`--role là một trong: ${ROLES.join(', ')}`);
      const token = await createToken(by, { name: values.name, role, unitCode: values.unit });
      console.error(
        `Mã API "${values.name}" (${role}${values.unit ? `, đơn vị ${values.unit}` : ''}). Lưu lại ngay: mã chỉ hiện một lần.`,
      );
      console.log(token);
    } else if (values.revoke) {
      await revokeToken(by, values.revoke);
      console.log(`Đã thu hồi mã API "${values.revoke}".`);
    } else if (values.list) {
      console.table(await listTokens());
    } else {
      console.error(
        'Cách dùng: npm run token -- --name TÊN --role importer|admin|province|chair|auditor [--unit MÃ] | --revoke TÊN | --list',
      );
      return 2;
    }
    return 0;
  },
  (e) => e instanceof Error && e.name === 'AccountError',
);
