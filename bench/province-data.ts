import type postgres from 'postgres';

/**
 * A province's worth of cases for benchmarks, generated inside PostgreSQL with set-based SQL
 * (generate_series), reproducibly (setseed). The spread:
 *
 * - 14 city centres, each with 18 industry stations and 6 township points (350 units, "1+18+N");
 *   10 mediators per centre and station, 3 per point (2,912 mediators).
 * - `cases` cases registered over the last 365 days, a third of them in the five biggest cities; the
 *   source mix of a city centre (walk-in, hotline, online, WeChat, grid, court 15 %, procuratorate…).
 * - Stage by age: the last fortnight mostly being mediated, older ones linked, disposed or archived;
 *   settled 60 % of concluded.
 * - Deadlines: a stage period for every triaged case; follow-up visits for settled ones; court
 *   acceptance and court period for court referrals; instalments for a tenth of settlements;
 *   supervision orders for a few live cases. Deadlines of live work are open — about 4 % of all
 *   deadlines are overdue (due in the past, by up to 60 days), the rest due within 30 days — and the
 *   others met.
 * - Realistic row widths: each deadline carries a full explanation (~1 KB of jsonb with summaryZh).
 */
export interface ProvinceSize {
  cases: number;
  /** Years the registrations are spread over (a province registers about a million cases a year). */
  years: number;
}

export interface ProvinceFigures {
  cases: number;
  deadlines: number;
  liveDeadlines: number;
  overdueDeadlines: number;
  units: number;
  mediators: number;
  /** A centre (with its stations and points), a station and a busy mediator, to filter by. */
  sample: { centreId: string; stationId: string; mediatorId: string; adminId: string; supervisorId: string };
}

export async function generateProvince(
  sql: postgres.Sql,
  size: ProvinceSize,
  log: (message: string) => void = () => {},
): Promise<ProvinceFigures> {
  const began = Date.now();
  const step = (name: string) => log(`${Math.round((Date.now() - began) / 1000)} s: ${name}…`);
  // A bulk load: build the secondary indexes after the rows are in (sorted builds instead of millions of
  // random inserts), exactly as the migrations define them.
  // Foreign keys are not checked row by row (session_replication_role = replica): the rows are
  // consistent by construction, and the checks were most of the load's time.
  await sql.unsafe(
    `set synchronous_commit = off; set maintenance_work_mem = '1GB'; set work_mem = '256MB'; set session_replication_role = replica`,
  );
  const indexes = (await sql`
    select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = 'public' and i.tablename in ('cases', 'case_deadlines')
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`) as unknown as {
    indexname: string;
    indexdef: string;
  }[];
  for (const index of indexes) await sql.unsafe(`drop index "${index.indexname}"`);
  await sql`select setseed(0.42)`;
  await sql.unsafe(`
    create temp table bench_units as
    select g as idx, gen_random_uuid() as id,
           case when g <= 14 then 'centre' when g <= 14 + 14 * 18 then 'station' else 'point' end as kind,
           case when g <= 14 then g when g <= 14 + 14 * 18 then 1 + (g - 15) / 18 else 1 + (g - 267) / 6 end as city
      from generate_series(1, 350) g;
    insert into units (id, code, name, kind, parent_id)
    select u.id, 'B' || lpad(u.idx::text, 4, '0'),
           case u.kind when 'centre' then '第' || u.city || '市矛盾纠纷多元化解中心'
                       when 'station' then '第' || u.city || '市第' || (u.idx - 15) % 18 + 1 || '行业调解站'
                       else '第' || u.city || '市第' || (u.idx - 267) % 6 + 1 || '镇调解点' end,
           u.kind,
           case u.kind when 'centre' then null
                       when 'station' then (select id from bench_units p where p.idx = u.city)
                       else (select id from bench_units p where p.idx = 15 + (u.city - 1) * 18 + (u.idx - 267) % 6) end
      from bench_units u order by u.idx;
    create temp table bench_mediators as
    select u.idx as unit_idx, k, gen_random_uuid() as id
      from bench_units u, generate_series(0, case when u.kind = 'point' then 2 else 9 end) k;
    insert into users (id, username, display_name, role, unit_id, password_hash)
    select m.id, 'm' || m.unit_idx || '-' || m.k, '调解员' || m.unit_idx || '-' || m.k, 'mediator',
           (select id from bench_units u where u.idx = m.unit_idx), 'scrypt$bench'
      from bench_mediators m;
    insert into users (username, display_name, role, unit_id, password_hash)
    values ('bench-admin', '管理员', 'admin', null, 'scrypt$bench'),
           ('bench-supervisor', '中心负责人', 'supervisor', (select id from bench_units where idx = 1), 'scrypt$bench');
    create index on bench_mediators (unit_idx, k);
    analyze bench_units; analyze bench_mediators;
  `);

  // Cases: registration spread over the years; units skewed towards the big cities. One pass, no
  // rewrites: every draw and every derived column in one SELECT.
  const days = Math.round(size.years * 365);
  step('drawing the cases');
  await sql.unsafe(`
    create temp table bench_cases as
    select b.*, u.id as unit_id, case when b.stage = 'intake' then null else m.id end as assignee_id,
           b.stage in ('divert', 'resolve') or (b.stage in ('link', 'dispose') and b.disposition like 'settled%') as has_live
      from (
        select r.*,
               case when r.age_days < 15 then case when r.r_stage < 0.05 then 'intake' when r.r_stage < 0.20 then 'divert' else 'resolve' end
                    when r.age_days < 60 then case when r.r_stage < 0.25 then 'resolve' when r.r_stage < 0.35 then 'link'
                                                 when r.r_stage < 0.75 then 'dispose' else 'archived' end
                    when r.age_days < 365 then case when r.r_stage < 0.015 then 'resolve' when r.r_stage < 0.05 then 'link'
                                                    when r.r_stage < 0.15 then 'dispose' else 'archived' end
                    -- older than a year: archived, but for a thin tail of stale work (0.3 %)
                    else case when r.r_stage < 0.0005 then 'resolve' when r.r_stage < 0.001 then 'link'
                              when r.r_stage < 0.003 then 'dispose' else 'archived' end end as stage,
               case when r.r_disp < 0.45 then 'settled_written' when r.r_disp < 0.60 then 'settled_oral'
                    when r.r_disp < 0.80 then 'failed' when r.r_disp < 0.88 then 'withdrawn'
                    when r.r_disp < 0.93 then 'terminated' when r.r_disp < 0.97 then 'referred_out' else 'rejected' end as disposition_if_concluded
          from (
            select q.*, extract(epoch from now() - q.registered_at) / 86400 as age_days,
                   case when q.r_source < 0.35 then 'walk_in' when q.r_source < 0.50 then 'hotline'
                        when q.r_source < 0.60 then 'online' when q.r_source < 0.70 then 'wechat'
                        when q.r_source < 0.78 then 'grid_worker' when q.r_source < 0.93 then 'court'
                        when q.r_source < 0.94 then 'procuratorate' when q.r_source < 0.97 then 'police'
                        else 'department' end as source,
                   case when q.r_tri < 0.5 then 'simple' when q.r_tri < 0.85 then 'general' else 'complex' end as triage_class,
                   case when q.r_tri < 0.5 then 7 when q.r_tri < 0.85 then 15 else 30 end as period_days
              from (
                select g as n,
                       'P' || lpad((1 + g % 14)::text, 2, '0') || '-' || lpad(g::text, 8, '0') as case_number,
                       now() - (random() * ${days}) * interval '1 day' as registered_at,
                       least(350, greatest(1, case when random() < 0.33 then 1 + floor(random() * 5) * 1
                                                   else 1 + floor(random() * 350) end))::int as unit_idx,
                       random() as r_source, random() as r_stage, random() as r_disp, random() as r_misc,
                       random() as r_late, random() as r_tri
                  from generate_series(1, ${size.cases}) g
              ) q
          ) r
      ) b0
      cross join lateral (select b0.*, case when b0.stage in ('link', 'dispose', 'archived') then b0.disposition_if_concluded end as disposition) b
      join bench_units u on u.idx = b.unit_idx
      join bench_mediators m on m.unit_idx = b.unit_idx and m.k = b.n % (case when u.kind = 'point' then 3 else 10 end);
    analyze bench_cases;
  `);

  // Deadlines: one row per (case, kind), read from bench_cases through this lateral list.
  const deadlineKinds = `
      cross join lateral (values
        ('stage', b.stage in ('divert', 'resolve'), b.stage <> 'intake'),
        ('follow_up', b.stage in ('link', 'dispose'), b.disposition like 'settled%'),
        ('court_acceptance', false, b.source = 'court' and b.stage <> 'intake'),
        ('court_period', b.stage in ('divert', 'resolve'), b.source = 'court' and b.stage <> 'intake'),
        ('confirmation_window', b.stage in ('link', 'dispose'), b.source = 'court' and b.disposition like 'settled%' and b.n % 3 = 0),
        ('prosecution', b.stage in ('divert', 'resolve'), b.source = 'procuratorate' and b.stage <> 'intake'),
        ('instalment-1', b.stage in ('link', 'dispose'), b.disposition like 'settled%' and b.n % 10 = 1),
        ('instalment-2', b.stage in ('link', 'dispose'), b.disposition like 'settled%' and b.n % 10 = 1),
        ('supervision', b.stage in ('divert', 'resolve'), b.stage in ('divert', 'resolve') and b.n % 97 = 0)
      ) as d(kind, live, applies)`;
  const [{ total, live }] = (await sql.unsafe(`
    select count(*)::bigint as total, count(*) filter (where d.live)::bigint as live
      from bench_cases b ${deadlineKinds} where d.applies`)) as unknown as [{ total: string; live: string }];
  // Of the live deadlines, this share is overdue, so that overdue ones are ~4 % of a year's deadlines.
  // (r_late is drawn per case: a case's live deadlines are all overdue or all running.)
  const yearsDeadlines = Number(total) / Math.max(1, size.years);
  const overdueShareOfLive = Math.min(0.9, (0.04 * yearsDeadlines) / Math.max(Number(live), 1));

  step('inserting the cases');
  await sql.unsafe(`
    insert into cases (case_number, workflow_id, source, stage, triage_class, outcome, category, summary, unit_id,
                       assignee_id, amount_fen, referral_kind, court_fee_saved_fen, parties_count, settled_at,
                       disposition, overdue, next_due_at, deadlines, state, last_seq, registered_at, updated_at,
                       closed_at)
    select b.case_number, 'case-' || b.case_number, b.source, b.stage,
           case when b.stage = 'intake' then null else b.triage_class end,
           null,
           (array['family','neighbour','property_management','traffic_accident','medical','labour','contract',
                  'lending','commercial','land','consumer','administrative','other'])[1 + (b.n % 13)],
           '第' || b.n || '号纠纷：' || (array['相邻关系排水管堵塞致楼下受损','装修噪音扰民','拖欠劳动报酬',
             '交通事故赔偿','物业费争议','民间借贷未还'])[1 + (b.n % 6)] || '，双方就赔偿数额争执不下',
           b.unit_id, b.assignee_id,
           case when b.disposition like 'settled%' then (1000 + floor(b.r_misc * 5000000))::bigint end,
           case b.source when 'court' then 'court' when 'procuratorate' then 'prosecution'
                         when 'police' then 'police' end,
           case when b.source = 'court' and b.disposition like 'settled%' then (2500 + floor(b.r_misc * 500000))::bigint end,
           2 + (b.n % 3),
           case when b.disposition like 'settled%' then b.registered_at + (b.period_days * b.r_misc) * interval '1 day' end,
           b.disposition, b.has_live and b.r_late < ${overdueShareOfLive}, null,
           '[]'::jsonb,
           jsonb_build_object('caseNumber', b.case_number, 'stage', b.stage, 'source', b.source,
             'parties', jsonb_build_array(
               jsonb_build_object('kind', 'person', 'name', '张' || b.n, 'role', 'applicant',
                                  'idNumber', '1507021990' || lpad((b.n % 100000000)::text, 8, '0'),
                                  'phone', '138' || lpad((b.n % 100000000)::text, 8, '0')),
               jsonb_build_object('kind', 'person', 'name', '李' || b.n, 'role', 'respondent'))),
           5, b.registered_at, now(),
           case when b.stage in ('dispose', 'archived') then b.registered_at + (b.period_days + 3) * interval '1 day' end
      from bench_cases b;
  `);

  // Every deadline carries a full explanation (~1 KB); the met ones (most of them) share one, built once.
  const explanation = `
           jsonb_build_object(
             'policyId', 'stage.general@2020-01-01', 'policyKey', 'stage.general',
             'rule', 'A general dispute is resolved within 15 days of triage; a supervisor may extend it by up to 15 days.',
             'ruleZh', '一般纠纷自分级次日起15日内化解；经中心负责人批准可延长，累计不超过15日。',
             'source', 'centre policy (not law); cf. 司法部《人民调解工作若干规定》第35条（一般在一个月内调结）',
             'startEvent', jsonb_build_object('kind', 'triaged', 'kindZh', '分级', 'at', d.started_at,
                                              'date', to_char(d.started_at + interval '8 hours', 'YYYY-MM-DD')),
             'period', jsonb_build_object('unit', 'calendar_days', 'length', d.period_days),
             'extensionDays', 0, 'pausedDays', '[]'::jsonb, 'skipped', '[]'::jsonb, 'rolledOver', false,
             'unrolledDueDate', to_char(d.due_at + interval '8 hours', 'YYYY-MM-DD'),
             'calendarUnconfirmed', false, 'unconfirmedYears', '[]'::jsonb, 'cap', null,
             'reminders', jsonb_build_array(jsonb_build_object('date', to_char(d.due_at - interval '2 days', 'YYYY-MM-DD'),
                                                               'trigger', 'days_before', 'value', 2)),
             'dueDate', to_char(d.due_at + interval '8 hours', 'YYYY-MM-DD'), 'dueAt', d.due_at,
             'summaryZh', '一般纠纷自分级次日起15日内化解；经中心负责人批准可延长，累计不超过15日。本案自'
                          || to_char(d.started_at + interval '8 hours', 'YYYY-MM-DD') || '分级次日起算'
                          || d.period_days || '日，于' || to_char(d.due_at + interval '8 hours', 'YYYY-MM-DD')
                          || '届满；截止时间为北京时间' || to_char(d.due_at + interval '8 hours', 'YYYY-MM-DD') || ' 23:59:59。')`;
  await sql.unsafe(`
    create temp table bench_met_explanation as
    select ${explanation} as explanation
      from (select now() - interval '400 days' as started_at, now() - interval '385 days' as due_at, 15 as period_days) d`);

  // Live deadlines are open (a share of them overdue, due in the past by up to 60 days, the rest due
  // within 30 days); the others met.
  step('inserting the deadlines');
  await sql.unsafe(`
    insert into case_deadlines (case_number, kind, status, started_at, due_at, unit_id, assignee_id, source, explanation, updated_at)
    select d.case_number, d.kind,
           case when not d.live then 'met' when d.due_at < now() then 'overdue' else 'open' end,
           d.started_at, d.due_at, d.unit_id, d.assignee_id, d.source,
           case when d.live then ${explanation} else (select explanation from bench_met_explanation) end,
           now()
      from (
        select x.*,
               -- due at the end of a China day: 15:59:59.999 UTC
               date_trunc('day', x.due_raw + interval '8 hours') - interval '8 hours' + interval '1 day' - interval '1 millisecond' as due_at,
               x.due_raw - x.period_days * interval '1 day' as started_at
          from (
            select b.case_number, b.unit_id, b.assignee_id, b.source, b.period_days, d.kind, d.live,
                   case when d.live and b.r_late < ${overdueShareOfLive}
                          then now() - (1 + (b.r_late / ${overdueShareOfLive}) * 60) * interval '1 day'
                        when d.live then now() + (((b.n::bigint * 7919) % 1000) / 1000.0 * 30) * interval '1 day'
                        else b.registered_at + (b.period_days + 1) * interval '1 day' end as due_raw
              from bench_cases b ${deadlineKinds}
             where d.applies
          ) x
      ) d;
  `);
  await sql.unsafe('reset session_replication_role');
  step('building the indexes');
  for (const index of indexes) await sql.unsafe(index.indexdef);
  step('vacuuming (the visibility map lets the lists read the indexes alone)');
  // VACUUM runs outside a transaction: one statement per call.
  // (cases is only ANALYZEd: the lists read its rows by primary key, never its indexes alone.)
  for (const table of ['case_deadlines', 'units', 'users']) await sql.unsafe(`vacuum analyze ${table}`);
  await sql.unsafe('analyze cases');

  step('counting');
  const [figures] = (await sql`
    select ${size.cases}::int as cases, ${Number(total)}::int as deadlines,
           (select count(*)::int from case_deadlines where status in ('open', 'overdue')) as live_deadlines,
           (select count(*)::int from case_deadlines where status in ('open', 'overdue') and due_at < now()) as overdue_deadlines,
           (select count(*)::int from units) as units,
           (select count(*)::int from users where role = 'mediator') as mediators,
           (select id from bench_units where idx = 1) as centre_id,
           (select id from bench_units where idx = 20) as station_id,
           (select assignee_id from case_deadlines where status in ('open', 'overdue') and due_at < now()
             group by assignee_id order by count(*) desc limit 1) as mediator_id,
           (select id from users where username = 'bench-admin') as admin_id,
           (select id from users where username = 'bench-supervisor') as supervisor_id`) as unknown as [
    Record<string, unknown>,
  ];
  return {
    cases: Number(figures!.cases),
    deadlines: Number(figures!.deadlines),
    liveDeadlines: Number(figures!.live_deadlines),
    overdueDeadlines: Number(figures!.overdue_deadlines),
    units: Number(figures!.units),
    mediators: Number(figures!.mediators),
    sample: {
      centreId: String(figures!.centre_id),
      stationId: String(figures!.station_id),
      mediatorId: String(figures!.mediator_id),
      adminId: String(figures!.admin_id),
      supervisorId: String(figures!.supervisor_id),
    },
  };
}
