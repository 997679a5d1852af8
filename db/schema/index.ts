export * from './auth.js';
export * from './case-records.js';
export * from './cases.js';
export * from './deadlines.js';
export * from './deliveries.js';
export * from './parties.js';
export * from './reference.js';
export * from './referrals.js';
