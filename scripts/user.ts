// `npm run user -- --create NAME --role admin|province|chair|auditor|national [--unit CODE | --province CODE]
//  [--name "Họ tên"] [--password P]`
// `npm run user -- --set-password NAME [--password P]` · `--set-unit NAME --unit CODE` ·
// `--set-province NAME --province CODE` · `--disable NAME` · `--enable NAME` · `--list`
// On a national instance (TTHC_MODE=national) a user is bound to a province (--province), not to a unit; a `national`
// viewer bound to none sees every province.
// Without a password on the command line it is asked for (not echoed when run in a terminal).
import os from 'node:os';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { runOnDatabase } from '../lib/db/connect';
import { selectDatabase } from '../lib/server/db';

const { values } = parseArgs({
  options: {
    create: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string' },
    province: { type: 'string' },
    'set-province': { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    'set-password': { type: 'string' },
    'set-unit': { type: 'string' },
    disable: { type: 'string' },
    enable: { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});
const ROLES = ['admin', 'province', 'chair', 'auditor', 'national'] as const;
const usage =
  'Cách dùng: npm run user -- --create TÊN --role admin|province|chair|auditor|national [--unit MÃ | --province MÃ_TỈNH]\n' +
  '             [--name "Họ tên"] [--password MK]\n' +
  '           npm run user -- --set-password TÊN [--password MK] | --set-unit TÊN --unit MÃ\n' +
  '             | --set-province TÊN --province MÃ_TỈNH | --disable TÊN | --enable TÊN | --list';

async function askPassword(): Promise<string> {
  if (values.password) return values.password;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  process.stderr.write('Mật khẩu: ');
  const answer = await rl.question('');
  rl.close();
  process.stderr.write('\n');
  return answer;
}

const by = `cli:${os.userInfo().username}`;
await runOnDatabase(
  async (url) => {
    selectDatabase(url);
    const { AccountError, changeUser, createUser, listUsers } = await import('../lib/server/accounts');
    if (values.create) {
      const role = ROLES.find((r) => r === values.role);
      if (!role) throw new AccountError(`--role là một trong: ${ROLES.join(', ')}`);
      await createUser(by, {
        username: values.create,
        name: values.name ?? values.create,
        role,
        unitCode: values.unit,
        province: values.province,
        password: await askPassword(),
      });
      const bound = values.unit ? `, đơn vị ${values.unit}` : values.province ? `, tỉnh ${values.province}` : '';
      console.log(`Đã tạo tài khoản ${values.create} (${role}${bound}).`);
    } else if (values['set-password']) {
      await changeUser(by, values['set-password'], { password: await askPassword() });
      console.log(`Đã đổi mật khẩu của ${values['set-password']}.`);
    } else if (values['set-unit']) {
      // E.g. a chair of a commune merged in 2025, bound again to the new commune (the admin's import page lists them).
      await changeUser(by, values['set-unit'], { unitCode: values.unit ?? null });
      console.log(`Đã gắn ${values['set-unit']} với đơn vị ${values.unit ?? '(không)'}.`);
    } else if (values['set-province']) {
      await changeUser(by, values['set-province'], { province: values.province ?? null });
      console.log(`Đã gắn ${values['set-province']} với tỉnh ${values.province ?? '(mọi tỉnh)'}.`);
    } else if (values.disable || values.enable) {
      await changeUser(by, (values.disable ?? values.enable)!, { active: Boolean(values.enable) });
      console.log(`Đã ${values.enable ? 'mở' : 'khóa'} tài khoản ${values.disable ?? values.enable}.`);
    } else if (values.list) {
      console.table(await listUsers());
    } else {
      console.error(usage);
      return 2;
    }
    return 0;
  },
  (e) => e instanceof Error && e.name === 'AccountError',
);
