import { isIsoDate } from '../../domain/dates.js';
import { normaliseIdNumber } from '../../domain/names.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import { partyRoleLabelsZh, vocabularies } from './ledger-columns.js';

/**
 * Parsers of single ledger cells. Each returns the value or a reason in Chinese (the ledger's
 * reader is the admin who fixes the spreadsheet).
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

const datePatterns = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

export function parseLedgerDate(text: string): Parsed<string> {
  for (const pattern of datePatterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
    return isIsoDate(date) ? ok(date) : fail(`不存在的日期「${text}」`);
  }
  return fail(`日期格式应为 YYYY-MM-DD，实为「${text}」`);
}

const moneyPattern = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** Yuan with at most two decimals (thousands separators allowed) → integer fen, without floating point. */
export function parseYuan(text: string): Parsed<number> {
  const match = moneyPattern.exec(text.replace(/^[¥￥]/, ''));
  if (!match) return fail(`金额应为元，最多两位小数，实为「${text}」`);
  const yuan = match[1]!.replace(/,/g, '');
  const fen = Number(`${yuan}${(match[2] ?? '').padEnd(2, '0')}`);
  if (!Number.isSafeInteger(fen)) return fail(`金额过大「${text}」`);
  return ok(fen);
}

export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const absolute = Math.abs(fen);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, '0')}`;
}

const yes = new Set(['是', 'Y', 'y', 'yes', 'true', '1', '√']);
const no = new Set(['否', 'N', 'n', 'no', 'false', '0', '×']);

/** 是/否 (also Y/N, true/false, 1/0). */
export function parseYesNo(text: string): Parsed<boolean> {
  if (yes.has(text)) return ok(true);
  if (no.has(text)) return ok(false);
  return fail(`应为「是」或「否」，实为「${text}」`);
}

const residentIdPattern = /^(\d{17}[\dX]|\d{15})$/;
const unifiedCreditCodePattern = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const organisationNamePattern = /(公司|厂|店|中心|委员会|物业|银行|医院|学校|合作社|集团|协会|局|所|站)$/;
const phonePattern = /^\+?[0-9][0-9 -]{5,19}$/;

/**
 * 当事人: 「姓名|角色|证件号|电话」, several separated by 「;」 (or 「；」). A resident ID makes a person,
 * a unified social credit code an organisation; without an ID the name decides (…公司, …医院).
 */
export function parseParties(text: string): Parsed<PartyInput[]> {
  const entries = text
    .split(/[;；]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return fail('至少列出一名当事人');
  if (entries.length > 50) return fail('当事人不得超过50人');
  const parties: PartyInput[] = [];
  for (const [index, entry] of entries.entries()) {
    const [name = '', roleText = '', idText = '', phone = '', ...rest] = entry
      .split(/[|｜]/)
      .map((part) => part.trim());
    const which = `第${index + 1}名当事人`;
    if (rest.length > 0) return fail(`${which}：应为「姓名|角色|证件号|电话」，多了「|」`);
    if (name === '' || name.length > 200) return fail(`${which}：姓名不能为空（至多200字）`);
    const role = vocabularies.partyRole.find(roleText);
    if (!role) {
      return fail(`${which}：角色应为${Object.values(partyRoleLabelsZh).join('、')}，实为「${roleText}」`);
    }
    const party: PartyInput = { kind: 'person', name, role };
    if (idText !== '') {
      const idNumber = normaliseIdNumber(idText);
      if (idNumber.length < 4 || idNumber.length > 40) return fail(`${which}：证件号长度应为4至40位`);
      party.idNumber = idNumber;
      if (residentIdPattern.test(idNumber)) party.idType = 'resident_id';
      else if (unifiedCreditCodePattern.test(idNumber)) {
        party.kind = 'organisation';
        party.idType = 'unified_social_credit_code';
      } else party.idType = 'other';
    } else if (organisationNamePattern.test(name)) party.kind = 'organisation';
    if (phone !== '') {
      if (!phonePattern.test(phone)) return fail(`${which}：电话号码格式不对「${phone}」`);
      party.phone = phone;
    }
    parties.push(party);
  }
  return ok(parties);
}

export function parseCount(text: string): Parsed<number> {
  if (!/^\d{1,5}$/.test(text)) return fail(`应为整数，实为「${text}」`);
  return ok(Number(text));
}
