// Word lists the generator combines into package areas, file names, identifiers, queue names
// and job names. Changing any list changes every generated tree (and the determinism hashes).

export const AREAS = [
  'accounts', 'analytics', 'billing', 'catalog', 'checkout', 'compliance', 'fulfillment',
  'identity', 'inventory', 'loyalty', 'media', 'notifications', 'orders', 'payments',
  'pricing', 'reporting', 'scheduling', 'search', 'shipping', 'support',
];

export const ENTITIES = [
  'address', 'asset', 'audit', 'batch', 'carrier', 'cart', 'category', 'coupon', 'customer',
  'discount', 'document', 'export', 'invoice', 'ledger', 'order', 'parcel', 'payment', 'plan',
  'price', 'product', 'profile', 'quota', 'rating', 'receipt', 'refund', 'region', 'reminder',
  'report', 'review', 'session', 'shipment', 'statement', 'subscription', 'tenant', 'thumbnail',
  'ticket', 'token', 'usage', 'warehouse', 'webhook',
];

export const ASPECTS = [
  'aggregator', 'builder', 'cache', 'calculator', 'formatter', 'index', 'mapper', 'normalizer',
  'planner', 'policy', 'projector', 'reconciler', 'registry', 'repository', 'resolver',
  'selector', 'service', 'store', 'tracker', 'validator',
];

export const STATUSES = [
  'pending', 'active', 'suspended', 'archived', 'draft', 'scheduled', 'completed', 'cancelled',
  'expired', 'failed', 'on-hold', 'approved',
];

export const TAGS = ['priority', 'vip', 'internal', 'legacy', 'beta', 'eu', 'us', 'apac', 'manual', 'bulk'];

export const QUEUE_TOPICS = [
  'audio', 'avatar', 'billing', 'catalog', 'email', 'export', 'feed', 'import', 'invoice',
  'ledger', 'media', 'notification', 'order', 'payment', 'payout', 'pdf', 'report', 'search',
  'shipment', 'sms', 'subscription', 'thumbnail', 'usage', 'webhook',
];

export const QUEUE_ACTIONS = [
  'processing', 'delivery', 'sync', 'indexing', 'rendering', 'reconciliation', 'cleanup',
  'ingest', 'dispatch', 'settlement', 'generation', 'maintenance',
];

export const JOB_VERBS = [
  'generate', 'send', 'sync', 'rebuild', 'refresh', 'archive', 'import', 'export',
  'recalculate', 'notify', 'expire', 'resize', 'validate', 'publish', 'purge', 'parse',
];

export const JOB_OBJECTS = [
  'invoice', 'reminder', 'statement', 'thumbnail', 'snapshot', 'digest', 'receipt', 'manifest',
  'summary', 'index', 'epub', 'payout', 'webhook', 'usage-report', 'audit-trail', 'preview',
];
