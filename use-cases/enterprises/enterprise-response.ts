import type { enterprises } from '../../db/schema/index.js';
import {
  type EnterpriseIndustry,
  type EnterpriseSize,
  enterpriseIndustryLabelsZh,
  enterpriseSizeLabelsZh,
  type MarketEntityClass,
  marketEntityClassLabelsZh,
} from '../../domain/enterprise-vocabulary.js';
import { maskPhone } from '../cases/masking.js';

/** Someone at the enterprise the centre calls (法务、负责人). */
export interface EnterpriseContact {
  name: string;
  position?: string | undefined;
  phone?: string | undefined;
}

/** An enterprise as staff read it: codes with their Chinese labels. */
export interface Enterprise {
  id: string;
  name: string;
  creditCode: string;
  entityClass: MarketEntityClass;
  entityClassZh: string;
  industry: EnterpriseIndustry;
  industryZh: string;
  size: EnterpriseSize | null;
  sizeZh: string | null;
  address: string | null;
  contacts: EnterpriseContact[];
  unitId: string;
  registeredAt: string;
  links: { self: string };
}

export type EnterpriseRow = typeof enterprises.$inferSelect;

/** 张晓明 → 张**: a contact in a list is recognisable to those who know them, not findable by others. */
function maskName(name: string): string {
  const characters = [...name];
  return characters.length <= 1 ? name : `${characters[0]}${'*'.repeat(characters.length - 1)}`;
}

function maskContact(contact: EnterpriseContact): EnterpriseContact {
  return {
    ...contact,
    name: maskName(contact.name),
    ...(contact.phone ? { phone: maskPhone(contact.phone) } : {}),
  };
}

/** The row as the API answers it; contacts masked unless the caller works for the enterprise's unit. */
export function toEnterprise(row: EnterpriseRow, { masked }: { masked: boolean }): Enterprise {
  const entityClass = row.entityClass as MarketEntityClass;
  const industry = row.industry as EnterpriseIndustry;
  const size = row.size as EnterpriseSize | null;
  const contacts = row.contacts as EnterpriseContact[];
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    entityClass,
    entityClassZh: marketEntityClassLabelsZh[entityClass],
    industry,
    industryZh: enterpriseIndustryLabelsZh[industry],
    size,
    sizeZh: size ? enterpriseSizeLabelsZh[size] : null,
    address: row.address,
    contacts: masked ? contacts.map(maskContact) : contacts,
    unitId: row.unitId,
    registeredAt: row.registeredAt.toISOString(),
    links: { self: `/v1/enterprises/${row.id}` },
  };
}
