import type { AssignmentStatus, CaseStatus } from '../domain/case-state.js';
import type { NewAssignmentsPreference } from '../domain/notifications.js';
import type { ConditionName } from '../domain/routing.js';
import { html, type Html } from './html.js';

/**
 * Every text the web pages show, in Danish and English. Both languages implement the
 * same interface, so a text missing in one language is a type error. Texts that take
 * values are functions built with `html`, so the values are escaped.
 */
export const LANGUAGES = ['da', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The fields of the inquiry form, named by their path in the inquiry (and in the API's errors). */
export const FIELD_KEYS = [
  'enterprise.cvr',
  'enterprise.name',
  'enterprise.postcode',
  'enterprise.employees',
  'enterprise.registeredSocialEnterprise',
  'contact.name',
  'contact.email',
  'contact.phone',
  'topics',
  'subject',
  'description',
  'consent',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** What went wrong with a field, independent of the wording of the schema's messages. */
export type ErrorKind = 'required' | 'tooShort' | 'tooLong' | 'tooMany' | 'unknown' | 'invalid';

export interface FieldTexts {
  label: string;
  hint?: string;
  /** Said for any problem the more specific texts below do not cover. */
  invalid: string;
  required?: string;
  tooShort?: (n: number) => string;
  tooLong?: (n: number) => string;
  tooMany?: (n: number) => string;
  unknown?: string;
}

export interface ErrorPageTexts {
  title: string;
  body: string;
}

export interface Messages {
  lang: Lang;
  locale: string;
  serviceName: string;
  otherLanguage: { lang: Lang; name: string };
  skipLink: string;
  optional: string;
  errorPrefix: string;
  footer: { accessibility: string; apiDocs: string };
  form: {
    title: string;
    /** What a search result says of the form. */
    metaDescription: string;
    lead: string;
    requiredNote: string;
    sections: { enterprise: string; contact: string; inquiry: string; consent: string };
    yes: string;
    no: string;
    dontKnow: string;
    characterLimit: (n: number) => string;
    /** Texts for the live counter of DKFDS; `{value}` is replaced in the browser. */
    characterCounter: Record<'character_remaining' | 'characters_remaining' | 'character_too_many' | 'characters_too_many', string>;
    consentText: string;
    consentLabel: string;
    submit: string;
    errorSummary: string;
    alreadySent: { title: string; body: string };
    stillProcessing: { title: string; body: string };
  };
  fields: Record<FieldKey, FieldTexts>;
  receipt: {
    title: string;
    referenceTitle: (reference: string) => string;
    referenceText: string;
    contact: (department: string, date: string) => Html;
    trackTitle: string;
    trackText: string;
    trackLink: (reference: string) => string;
    newInquiry: string;
  };
  status: {
    title: (reference: string) => string;
    labels: Record<CaseStatus, string>;
    explanations: Record<CaseStatus, string>;
    notesTitle: string;
    noNotes: string;
  };
  facts: { reference: string; subject: string; received: string; contact: string; answerBy: string; status: string };
  notFound: ErrorPageTexts;
  errors: {
    badRequest: ErrorPageTexts;
    tooLarge: ErrorPageTexts;
    tooManyRequests: ErrorPageTexts;
    unavailable: ErrorPageTexts;
    internal: ErrorPageTexts;
    requestId: string;
    frontPage: string;
  };
  staff: StaffTexts;
  transparency: TransparencyTexts;
}

/** Texts of the public transparency page. */
export interface TransparencyTexts {
  title: string;
  lead: string;
  generatedAt: (when: string) => string;
  noFigures: string;
  noPublicTopics: string;
  receivedChart: { title: string; description: (from: string, to: string) => string };
  answerChart: { title: string; description: (from: string, to: string) => string };
  tableTitle: string;
  tableCaption: (topic: string) => string;
  totalTopic: string;
  month: string;
  received: string;
  resolved: string;
  medianDays: string;
  withinTarget: string;
  suppressed: string;
  suppressedLabel: string;
  methodTitle: string;
  method: readonly string[];
  downloadTitle: string;
  downloadCsv: string;
  downloadPackage: string;
  percent: (share: number) => string;
  days: (days: number) => string;
}

/** The filters of the staff case list, as named in the API's `GET /v1/cases`. */
export type CaseListFilterKey = 'q' | 'department' | 'status' | 'assignee' | 'overdue' | 'caseStatus' | 'topic' | 'sort' | 'limit';

/** The staff case list: the API's filters as a form, the cases as a table, and keyset pages. */
export interface CaseListTexts {
  title: string;
  lead: string;
  filtersLegend: string;
  /** Department, status, assignee and overdue describe one and the same assignment. */
  filtersHint: string;
  fields: Record<CaseListFilterKey, { label: string; hint?: string; invalid: string; unknown?: string; tooLong?: (n: number) => string }>;
  any: string;
  assignee: { me: string; none: string; colleagues: string; someone: (id: string) => string };
  overdue: { yes: string; no: string };
  sort: { due: string; newest: string };
  apply: string;
  clear: string;
  errorSummary: string;
  staleCursor: string;
  resultsTitle: string;
  caption: (page: number) => string;
  noCases: string;
  columns: { reference: string; subject: string; enterprise: string; lead: string; status: string; due: string };
  overdueMark: string;
  caseStatuses: Record<CaseStatus, string>;
  assignmentStatuses: Record<AssignmentStatus, string>;
  pages: { label: string; page: (n: number) => string; next: string; first: string; lastPage: string };
}

/** Texts of the staff pages. */
export interface StaffTexts {
  solutionName: string;
  signedInAs: (name: string) => string;
  signOut: string;
  signIn: {
    title: string;
    lead: string;
    howToGetLink: string;
    adminHint: string;
    signedOut: { title: string; body: string };
    expired: { title: string; body: string };
    /** With an identity provider. */
    oidcButton: string;
    oidcLead: string;
    linkAlternative: string;
    /** The sign-in link's confirmation page: opening a link signs nobody in until the button is pressed. */
    confirm: { title: string; lead: (name: string) => string; button: (name: string) => string; notYou: string };
    /** The identity provider's answer came to a browser that had not asked, or twice, or too late. */
    failed: ErrorPageTexts;
    /** The identity provider's answer did not hold up. */
    rejected: ErrorPageTexts;
    /** The identity provider cannot be reached. */
    unavailable: ErrorPageTexts;
    /** The identity provider vouched for someone the service has no (active) user for. */
    unknownUser: ErrorPageTexts;
    unverifiedEmail: ErrorPageTexts;
    inactive: ErrorPageTexts;
  };
  link: Record<'used' | 'expired' | 'unknown' | 'inactive', ErrorPageTexts>;
  forbidden: ErrorPageTexts;
  staleForm: ErrorPageTexts;
  toSignIn: string;
  navigation: { label: string; work: string; cases: string; statistics: string; routing: string; admin: string };
  caseList: CaseListTexts;
  casePage: CasePageTexts;
  routingInquiry: RoutingInquiryTexts;
  routingSimulate: RoutingSimulateTexts;
  goldenCases: GoldenCasesTexts;
  admin: AdminTexts;
  work: {
    title: string;
    lead: string;
    departmentsTitle: string;
    caption: string;
    department: string;
    queued: string;
    inProgress: string;
    waiting: string;
    overdue: string;
    actions: string;
    takeNext: string;
    takeNextIn: (department: string) => string;
    claimOnlyMembers: string;
    noDepartments: string;
    queueEmpty: (department: string) => { title: string; body: string };
    claimed: (reference: string) => { title: string; body: string };
    assignmentsTitle: string;
    assignmentsCaption: string;
    noAssignments: string;
    reference: string;
    subject: string;
    enterprise: string;
    status: string;
    due: string;
    overdueMark: string;
    statuses: Record<'queued' | 'in_progress' | 'waiting', string>;
  };
  /** The caseworker's choice of mail about new assignments (the API's PUT /v1/me/notifications). */
  mail: {
    title: string;
    legend: string;
    hint: string;
    options: Record<NewAssignmentsPreference, string>;
    save: string;
    saved: { title: string; body: string };
    invalid: string;
  };
  /** The statistics page for coordinators and admins: the API's figures as charts and tables. */
  statistics: StaffStatisticsTexts;
  /** The routing editor for coordinators and admins. */
  routing: RoutingEditorTexts;
}

/** What can be wrong with a field of the routing editor's forms, whatever the wording of the API's message. */
export type RoutingProblemKind =
  | 'required'
  | 'tooLong'
  | 'tooMany'
  | 'notWholeNumber'
  | 'choose'
  | 'unknownTopic'
  | 'unknownDepartment'
  | 'postcodeInvalid'
  | 'postcodeInverted'
  | 'employeesInverted'
  | 'invalid';

/** Texts of the routing editor, `/staff/routing`: the versions, a version's rules as forms, its diff and publishing. */
export interface RoutingEditorTexts {
  title: string;
  lead: string;
  goldenCasesLink: string;
  versions: {
    title: string;
    caption: string;
    version: string;
    status: string;
    rules: string;
    note: string;
    created: string;
    published: string;
    reason: string;
    actions: string;
    open: (version: number) => string;
    copy: string;
    copyNamed: (version: number) => string;
    forced: string;
    none: string;
    noVersions: string;
  };
  statuses: Record<'draft' | 'published' | 'retired', string>;
  byAt: (name: string | null, when: string) => string;
  tableTitle: (version: number, status: string) => string;
  toVersions: string;
  facts: { status: string; copiedFrom: string; created: string; updated: string; published: string; reason: string; retired: string; note: string; fallback: string };
  forcedNote: string;
  readOnly: Record<'published' | 'retired', string>;
  simulateLink: (version: number) => string;
  onThisPage: string;
  sections: { rules: string; add: string; settings: string; warnings: string; diff: string; publish: string };
  done: {
    saved: string;
    added: string;
    deleted: string;
    moved: string;
    settings: string;
    copied: (from: number) => string;
    published: (version: number) => string;
  };
  errorSummary: string;
  stale: ErrorPageTexts;
  notDraft: ErrorPageTexts;
  notFound: ErrorPageTexts;
  forbidden: ErrorPageTexts;
  toMyWork: string;
  rule: {
    heading: (position: number, name: string) => string;
    id: (id: string) => string;
    name: string;
    topics: string;
    topicsHint: string;
    inactiveTopic: (name: string) => string;
    keywords: string;
    keywordsHint: string;
    employees: string;
    employeesHint: string;
    employeesMin: string;
    employeesMax: string;
    postcodes: string;
    postcodesHint: string;
    postcodeFrom: (n: number) => string;
    postcodeTo: (n: number) => string;
    socialEnterprise: string;
    socialEnterpriseOptions: Record<'yes' | 'no' | 'any', string>;
    department: string;
    chooseDepartment: string;
    role: string;
    roles: Record<'lead' | 'involve', string>;
    edit: string;
    save: string;
    saveNamed: (name: string) => string;
    remove: string;
    removeNamed: (name: string) => string;
    moveUp: string;
    moveUpNamed: (name: string) => string;
    moveDown: string;
    moveDownNamed: (name: string) => string;
    /** How a saved rule reads, on a published or retired version. */
    when: string;
    then: string;
    always: string;
    any: string;
    employeesRange: (min: number | undefined, max: number | undefined) => string;
    yes: string;
    no: string;
  };
  figures: {
    label: string;
    led: (led: number, days: number) => string;
    transferred: (away: number, share: string) => string;
    none: (days: number) => string;
    overruled: string;
    note: (when: string) => string;
    noSnapshot: string;
  };
  add: { lead: string; button: string };
  settings: { fallback: string; fallbackHint: string; note: string; noteHint: string; save: string };
  warnings: {
    none: string;
    lead: string;
    ruleLabel: string;
    unreachable: (earlier: string, department: string) => string;
    duplicate: (earlier: string) => string;
    topicWithoutLead: (topic: string, fallback: string) => string;
    departmentNotRouted: (department: string) => string;
    ruleRef: (position: number, name: string) => string;
  };
  diff: {
    against: (version: number) => string;
    none: string;
    noPublished: string;
    fallback: (before: string, after: string) => string;
    added: string;
    removed: string;
    changed: string;
    caption: string;
    ruleColumn: string;
    changeColumn: string;
    moved: (from: number, to: number) => string;
    fields: Record<'name' | 'when.topics' | 'when.keywords' | 'when.employees' | 'when.postcodes' | 'when.registeredSocialEnterprise' | 'then.department' | 'then.role', string>;
  };
  publish: {
    lead: (version: number) => string;
    reason: string;
    reasonHint: string;
    force: string;
    forceHint: string;
    button: (version: number) => string;
    refusedTitle: (failed: number) => string;
    refusedBody: string;
    seeFailures: string;
    failuresCaption: string;
    goldenCase: string;
    expected: string;
    actual: string;
    routingText: (lead: string, involved: string) => string;
    noInvolved: string;
    invalid: string;
  };
  problems: {
    required: string;
    tooLong: (max: number) => string;
    keywordTooLong: (keyword: string, max: number) => string;
    tooMany: (max: number) => string;
    notWholeNumber: (value: string) => string;
    choose: string;
    unknownTopic: (code: string) => string;
    unknownDepartment: (code: string) => string;
    postcodeInvalid: (value: string) => string;
    postcodeInverted: (from: string, to: string) => string;
    employeesInverted: (min: string, max: string) => string;
    invalid: string;
    reasonRequired: string;
  };
}

/** What can be wrong with the statistics page's form, beside the field it concerns. */
export type StatisticsFieldError = 'invalidDate' | 'fromAfterTo' | 'tooLong' | 'unknownGroupBy';

/** Texts of the staff statistics page. */
export interface StaffStatisticsTexts {
  title: string;
  lead: string;
  generatedAt: (when: string) => string;
  noSnapshot: string;
  noFigures: string;
  form: {
    legend: string;
    from: string;
    to: string;
    dateHint: string;
    groupBy: string;
    groupByOptions: Record<'department' | 'topic' | 'month', string>;
    submit: string;
    errorSummary: string;
    errors: Record<StatisticsFieldError, string>;
  };
  volume: { title: string; receivedChart: string; resolvedChart: string; caption: string };
  answer: { title: string; medianChart: string; p90Chart: string; caption: string };
  target: { title: string; chart: string; caption: string };
  chartDescription: (chart: string) => string;
  received: string;
  resolved: string;
  median: string;
  p90: string;
  withinTarget: string;
  none: string;
  noneLabel: string;
  routing: {
    title: string;
    lead: string;
    caption: string;
    rule: string;
    fallback: string;
    department: string;
    led: string;
    transferredAway: string;
    transferredTo: string;
    overruled: string;
    overruledNote: string;
    noRules: string;
  };
  downloads: { title: string; figures: string; routing: string };
  refresh: { title: string; lead: string; button: string; done: { title: string; body: string } };
  /** A caseworker asked for the page. */
  forbidden: ErrorPageTexts;
  toMyWork: string;
  percent: (share: number) => string;
  days: (days: number) => string;
}

/** Texts of the administration pages for admins: users, their tokens and sign-in links. */
export interface AdminTexts {
  title: string;
  lead: string;
  usersTitle: string;
  usersCaption: string;
  name: string;
  email: string;
  role: string;
  departments: string;
  active: string;
  lastTokenUse: string;
  yes: string;
  no: string;
  never: string;
  none: string;
  nextPage: string;
  roles: Record<'caseworker' | 'coordinator' | 'admin' | 'integrator', string>;
  create: { title: string; departmentsHint: string; button: string };
  toList: string;
  userTitle: (name: string) => string;
  access: { title: string; button: string };
  activation: { title: string; activeText: string; inactiveText: string; deactivate: string; reactivate: string };
  tokens: {
    title: string;
    caption: string;
    tokenName: string;
    created: string;
    lastUsed: string;
    expires: string;
    status: string;
    usable: string;
    revoked: string;
    expired: string;
    revoke: string;
    revokeNamed: (name: string) => string;
    noTokens: string;
    createTitle: string;
    nameHint: string;
    expiryLabel: string;
    expiryHint: string;
    createButton: string;
    createdTitle: string;
    createdBody: string;
  };
  signInLink: { title: string; lead: string; button: string; createdTitle: string; createdBody: (expires: string) => string };
  back: (name: string) => string;
  done: Record<'created' | 'profile' | 'access' | 'deactivated' | 'reactivated' | 'revoked', string>;
  errors: {
    summary: string;
    nameRequired: string;
    invalidText: string;
    tooLong: (max: number) => string;
    invalidEmail: string;
    emailInUse: string;
    chooseRole: string;
    needDepartment: string;
    onlyCaseworkers: string;
    unknownDepartment: string;
    invalidExpiry: string;
    pastExpiry: string;
    lastAdmin: ErrorPageTexts;
    inactive: ErrorPageTexts;
    notFound: ErrorPageTexts;
  };
  /** A coordinator or caseworker asked for an administration page. */
  forbidden: ErrorPageTexts;
  toMyWork: string;
  /** The navigation between the administration's sections. */
  sections: { label: string; users: string; integrators: string; webhooks: string; departments: string; topics: string };
  /** A user's name and email, changed on their page. */
  profile: { title: string; button: string };
  integrators: AdminIntegratorTexts;
  webhooks: AdminWebhookTexts;
  departmentsPage: AdminDepartmentTexts;
  topics: AdminTopicTexts;
}

/** The administration's integrators: accounts other systems use the API with. */
export interface AdminIntegratorTexts {
  title: string;
  lead: string;
  caption: string;
  none: string;
  contact: string;
  toList: string;
  toIntegrator: (name: string) => string;
  createdTitle: (name: string) => string;
  create: { title: string; lead: string; nameHint: string; contactHint: string; defaultTokenName: string; button: string };
}

export type WebhookEventTypeName = 'case.created' | 'case.assignment.changed' | 'case.transferred' | 'case.involved' | 'case.resolved' | 'case.note.enterprise';

/** The administration's webhook endpoints, their deliveries and the actions on them. */
export interface AdminWebhookTexts {
  title: string;
  lead: string;
  caption: string;
  none: string;
  url: string;
  events: string;
  owner: string;
  status: string;
  created: string;
  active: string;
  disabled: string;
  unknownOwner: string;
  toList: string;
  endpointTitle: string;
  eventTypes: Record<WebhookEventTypeName, string>;
  create: { title: string; lead: string; urlHint: string; descriptionLabel: string; descriptionHint: string; button: string };
  deliveries: {
    title: string;
    lead: string;
    caption: string;
    none: string;
    event: string;
    case: string;
    status: string;
    attempts: string;
    statusCode: string;
    error: string;
    nextAttempt: string;
    redeliver: string;
    redeliverNamed: (event: string, reference: string) => string;
    statuses: Record<'delivered' | 'failed' | 'retrying' | 'waiting', string>;
    noCase: string;
    noAnswer: string;
    notTried: string;
    noError: string;
    noNextAttempt: string;
    older: string;
  };
  activation: { deactivateTitle: string; deactivateText: string; deactivate: string; activateTitle: string; activateText: string; activate: string };
  secret: { title: string; lead: string; button: string; label: string; revealed: { title: string; body: string }; previousUntil: string };
  remove: { title: string; lead: string; button: string; confirmTitle: string; confirmText: (url: string) => string; confirm: string; cancel: string };
  done: Record<'deleted' | 'deactivated' | 'activated' | 'redelivered', string>;
  errors: {
    urlRequired: string;
    urlTooLong: string;
    /** The webhooks service's reason for refusing an address, which it gives in English. */
    unsafeUrl: (reason: string) => string;
    chooseEvents: string;
    descriptionTooLong: string;
    tooMany: ErrorPageTexts;
    disabledRedelivery: ErrorPageTexts;
    notFound: ErrorPageTexts;
  };
}

/** The administration's list of departments. */
export interface AdminDepartmentTexts {
  title: string;
  lead: string;
  caption: string;
  code: string;
  nameDa: string;
  nameEn: string;
  takesWork: string;
  activeMembers: string;
  inactiveMembers: string;
  membershipsHint: string;
}

/** The administration's topic catalogue and a topic's form. */
export interface AdminTopicTexts {
  title: string;
  lead: string;
  caption: string;
  code: string;
  nameDa: string;
  nameEn: string;
  descriptionDa: string;
  descriptionEn: string;
  responseDays: string;
  responseDaysHint: string;
  public: string;
  publicLabel: string;
  publicHint: string;
  edit: string;
  editNamed: (name: string) => string;
  topicTitle: (name: string) => string;
  editLead: (code: string) => string;
  save: string;
  saved: (name: string) => string;
  toList: string;
  notFound: ErrorPageTexts;
  errors: {
    nameRequired: string;
    nameTooLong: string;
    nameInvalid: string;
    descriptionRequired: string;
    descriptionTooLong: string;
    descriptionInvalid: string;
    responseDays: string;
  };
}

/** The actions on a department's assignment that the case page offers, by the status they lead to. */
export type AssignmentActionKind = 'claim' | 'wait' | 'resume' | 'done' | 'release' | 'reopen';

export type RoutingTableStatus = 'draft' | 'published' | 'retired';

/** Texts the routing simulation and golden case pages share: an inquiry as routing reads it, a golden case's expected routing, table versions. */
export interface RoutingInquiryTexts {
  /** The trail above the routing pages' headings, from the routing tables down. */
  breadcrumbs: { label: string; tables: string; version: (version: number) => string };
  tableStatus: Record<RoutingTableStatus, string>;
  versionName: (version: number, status: string) => string;
  /** A routing in one line: the lead department, then the involved ones. */
  routing: (lead: string, involved: string) => string;
  noneInvolved: string;
  topics: string;
  topicsHint: string;
  subject: string;
  subjectHint: string;
  description: string;
  descriptionHint: string;
  employees: string;
  postcode: string;
  registered: string;
  yes: string;
  no: string;
  notGiven: string;
  name: string;
  nameHint: string;
  expectedLead: string;
  leadHint: string;
  chooseDepartment: string;
  expectedInvolved: string;
  involvedHint: string;
  errors: {
    summary: string;
    registeredInvalid: string;
    nameRequired: string;
    nameTooLong: (n: number) => string;
    nameInvalid: string;
    chooseLead: string;
    unknownDepartment: string;
    leadInvolved: string;
  };
}

/** Texts of the routing simulation page: a version against the published table, rule by rule. */
export interface RoutingSimulateTexts {
  title: (version: number) => string;
  lead: string;
  about: (version: string, published: string | null) => string;
  /** The page in the breadcrumb trail. */
  crumb: string;
  toTables: string;
  goldenCasesLink: (version: number) => string;
  formTitle: string;
  changeTitle: string;
  submit: string;
  recent: {
    title: string;
    lead: string;
    caption: string;
    reference: string;
    subject: string;
    topics: string;
    received: string;
    actions: string;
    use: string;
    none: string;
    picked: (reference: string) => string;
    pickedBody: string;
    notFound: (reference: string) => ErrorPageTexts;
  };
  result: {
    title: string;
    noPublished: string;
    isPublished: (version: string) => string;
    sameVerdict: (version: string, published: string) => string;
    differsVerdict: (version: string, published: string) => string;
    decisionCaption: string;
    lead: string;
    involved: string;
    chosenBy: string;
    fallback: string;
    compared: string;
    same: string;
    differs: string;
    rulesTitle: string;
    rulesCaption: string;
    rule: string;
    sendsTo: string;
    ruleRole: (department: string, role: 'lead' | 'involve') => string;
    notInTable: string;
    matched: string;
    notMatched: string;
    /** Why a rule did not match: the first of its conditions that did not hold. */
    failed: Record<ConditionName, string>;
    effects: Record<'lead' | 'involved' | 'already-routed', (department: string) => string>;
    keywordsFound: (keywords: string) => string;
    noRules: string;
  };
  save: { title: string; lead: (version: string) => string; button: string };
  notFound: ErrorPageTexts;
}

/** Texts of the golden cases pages: the list with its checks, the form to add one, and deleting one. */
export interface GoldenCasesTexts {
  title: string;
  lead: string;
  listTitle: string;
  caption: string;
  name: string;
  inquiry: string;
  expected: string;
  publishedTable: string;
  actions: string;
  passes: string;
  fails: string;
  routedAs: (routing: string) => string;
  notChecked: string;
  none: string;
  tally: (passed: number, total: number, version: string) => string;
  noPublished: string;
  toSimulate: (version: number) => string;
  chooser: { label: string; hint: string; publishedOnly: string; button: string; unknown: string };
  add: { title: string; lead: string; button: string };
  delete: { link: string; crumb: string; title: (name: string) => string; lead: string; confirm: string; cancel: string };
  done: Record<'created' | 'deleted', string>;
  notFound: ErrorPageTexts;
  toList: string;
}

/** Texts of the staff case page. */
export interface CasePageTexts {
  title: (reference: string) => string;
  onThisPage: string;
  sections: { assignments: string; routing: string; notes: string; handOver: string; inquiry: string; history: string };
  facts: { status: string; lead: string; due: string; received: string; subject: string };
  caseStatuses: Record<CaseStatus, string>;
  assignments: {
    caption: string;
    department: string;
    role: string;
    status: string;
    assignee: string;
    due: string;
    actions: string;
    roles: Record<'lead' | 'involved', string>;
    statuses: Record<'queued' | 'in_progress' | 'waiting' | 'done' | 'transferred', string>;
    nobody: string;
    overdueMark: string;
    action: Record<AssignmentActionKind, string>;
    /** The button's accessible name: the action and the department it is for. */
    actionFor: (action: string, department: string) => string;
    noActions: string;
  };
  routing: {
    version: (version: number) => string;
    leadBy: (department: string, rule: string) => Html;
    leadByFallback: (department: string) => Html;
    involvedBy: (department: string, rule: string) => Html;
    caption: string;
    rule: string;
    department: string;
    role: string;
    unknownRule: string;
    noRules: string;
  };
  notes: {
    writeTitle: string;
    body: string;
    bodyHint: string;
    visibility: string;
    visibilities: Record<'department' | 'case' | 'enterprise', { label: string; hint: string }>;
    department: string;
    departmentHint: string;
    noDepartment: string;
    submit: string;
    listTitle: string;
    none: string;
    meta: (author: string, department: string | null, at: string) => string;
    mayNotWrite: string;
  };
  transfer: { title: string; lead: string; from: string; to: string; reason: string; reasonHint: string; submit: string; choose: string; nothing: string };
  involve: { title: string; lead: string; department: string; reason: string; reasonHint: string; submit: string; choose: string; nothing: string };
  inquiry: {
    enterprise: string;
    contact: string;
    cvr: string;
    name: string;
    postcode: string;
    employees: string;
    registered: string;
    yes: string;
    no: string;
    unknown: string;
    email: string;
    phone: string;
    topics: string;
    subject: string;
    description: string;
    channel: string;
    channels: Record<'web' | 'api', string>;
    language: string;
    languages: Record<'da' | 'en', string>;
  };
  history: {
    caption: string;
    when: string;
    who: string;
    what: string;
    system: string;
    none: string;
    created: (channel: string) => string;
    routed: (lead: string) => string;
    claimed: (department: string) => string;
    statusChanged: (department: string, before: string, after: string) => string;
    released: (department: string) => string;
    assigneeChanged: (department: string) => string;
    priorityChanged: (department: string) => string;
    transferred: (from: string, to: string, reason: string) => string;
    involved: (department: string, reason: string) => string;
    noteAdded: (visibility: string) => string;
    caseStatusChanged: (before: string, after: string) => string;
    rerouted: (lead: string) => string;
    /** An assignment the department's policy gave out: why this caseworker (the policy's mode, their load before, whom they covered for). */
    assigned: (department: string, mode: 'round-robin' | 'least-loaded', openBefore: number, covering: boolean) => string;
    notificationSent: string;
    notificationFailed: string;
  };
  done: {
    claim: string;
    wait: string;
    resume: string;
    done: string;
    release: string;
    reopen: string;
    note: string;
    transfer: (department: string) => string;
    involve: (department: string) => string;
  };
  errors: {
    summary: string;
    noteRequired: string;
    reasonRequired: string;
    tooLong: (n: number) => string;
    invalidText: string;
    chooseDepartment: string;
    unknownDepartment: string;
    alreadyOnCase: string;
    chooseVisibility: string;
    notPossible: ErrorPageTexts;
  };
  stale: { title: string; body: string; changesCaption: string; noVisibleChanges: string; kept: string };
  saved: string;
  notFound: ErrorPageTexts;
  toMyWork: string;
}

const daRoutingInquiry: RoutingInquiryTexts = {
  breadcrumbs: { label: 'Brødkrumme', tables: 'Fordelingstabeller', version: (version) => `Version ${version}` },
  tableStatus: { draft: 'kladde', published: 'offentliggjort', retired: 'udgået' },
  versionName: (version, status) => `Version ${version} (${status})`,
  routing: (lead, involved) => `${lead} er ansvarlig; inddrages: ${involved}`,
  noneInvolved: 'ingen',
  topics: 'Emner',
  topicsHint: 'Vælg et eller flere, højst 5.',
  subject: 'Overskrift',
  subjectHint: 'Søgeord findes i overskriften og beskrivelsen.',
  description: 'Beskrivelse',
  descriptionHint: 'Den tekst, virksomheden skrev. Højst 5.000 tegn.',
  employees: 'Antal medarbejdere',
  postcode: 'Postnummer',
  registered: 'Registreret socialøkonomisk virksomhed (RSV)?',
  yes: 'Ja',
  no: 'Nej',
  notGiven: 'Ikke oplyst',
  name: 'Navn på kontroleksemplet',
  nameHint: 'Så I kan kende det igen, fx “Fleksjob i café”.',
  expectedLead: 'Ansvarlig afdeling',
  leadHint: 'Den afdeling, der skal være ansvarlig for henvendelsen.',
  chooseDepartment: 'Vælg afdeling',
  expectedInvolved: 'Inddragede afdelinger',
  involvedHint: 'De afdelinger, der også skal inddrages. Ingen er også et svar.',
  errors: {
    summary: 'Der er problemer med det, du sendte',
    registeredInvalid: 'Vælg ja, nej eller ikke oplyst',
    nameRequired: 'Skriv et navn',
    nameTooLong: (n) => `Navnet må højst være ${n} tegn`,
    nameInvalid: 'Navnet må ikke indeholde linjeskift eller usynlige tegn',
    chooseLead: 'Vælg den ansvarlige afdeling',
    unknownDepartment: 'Vælg en afdeling fra listen',
    leadInvolved: 'Den ansvarlige afdeling kan ikke også være inddraget',
  },
};

const daRoutingSimulate: RoutingSimulateTexts = {
  title: (version) => `Afprøv version ${version}`,
  lead: 'Udfyld en henvendelse, eller tag en af de seneste sager, og se, hvordan versionen og den offentliggjorte tabel fordeler den, regel for regel. Intet gemmes, medmindre du gemmer resultatet som kontroleksempel.',
  about: (version, published) => (published ? `Du afprøver ${version} og sammenligner med den offentliggjorte tabel, ${published}.` : `Du afprøver ${version}.`),
  crumb: 'Afprøv',
  toTables: 'Til fordelingstabellerne',
  goldenCasesLink: (version) => `Se kontroleksemplerne afprøvet mod version ${version}`,
  formTitle: 'Henvendelsen',
  changeTitle: 'Ret henvendelsen',
  submit: 'Afprøv fordelingen',
  recent: {
    title: 'Tag en af de seneste sager',
    lead: 'Sagens henvendelse fyldes i formularen og afprøves. At du har set den, skrives i sagens adgangslog.',
    caption: 'De seneste sager, nyeste først',
    reference: 'Sagsnummer',
    subject: 'Overskrift',
    topics: 'Emner',
    received: 'Modtaget',
    actions: 'Handling',
    use: 'Afprøv',
    none: 'Der er ingen sager endnu.',
    picked: (reference) => `Henvendelsen fra sag ${reference}`,
    pickedBody: 'Formularen herunder er udfyldt med sagens henvendelse. Ret den, og afprøv igen, hvis du vil.',
    notFound: (reference) => ({ title: 'Sagen blev ikke fundet', body: `Der er ingen sag ${reference}, som du har adgang til. Vælg en sag på listen.` }),
  },
  result: {
    title: 'Resultat',
    noPublished: 'Ingen tabel er offentliggjort, så der er intet at sammenligne med.',
    isPublished: (version) => `${version} er den offentliggjorte tabel.`,
    sameVerdict: (version, published) => `Ens: ${version} fordeler henvendelsen som ${published}.`,
    differsVerdict: (version, published) => `Forskel: ${version} fordeler henvendelsen anderledes end ${published}.`,
    decisionCaption: 'Fordelingen',
    lead: 'Ansvarlig afdeling',
    involved: 'Inddragede afdelinger',
    chosenBy: 'Ansvarlig valgt af',
    fallback: 'Ingen regel: tabellens standardafdeling',
    compared: 'Sammenligning',
    same: 'Ens',
    differs: 'Forskellig',
    rulesTitle: 'Regel for regel',
    rulesCaption: 'Hver regel, og hvad den gjorde for henvendelsen',
    rule: 'Regel',
    sendsTo: 'Sender til',
    ruleRole: (department, role) => (role === 'lead' ? `${department}, ansvarlig` : `${department}, inddrages`),
    notInTable: 'Reglen findes ikke i denne tabel',
    matched: 'Passer',
    notMatched: 'Passer ikke',
    failed: {
      topics: 'ingen af henvendelsens emner er reglens',
      registeredSocialEnterprise: 'svaret om registreret socialøkonomisk virksomhed passer ikke',
      employees: 'antallet af medarbejdere er uden for reglens interval eller ikke oplyst',
      postcodes: 'postnummeret er uden for reglens intervaller eller ikke oplyst',
      keywords: 'overskrift og beskrivelse nævner ingen af reglens søgeord',
    },
    effects: {
      lead: (department) => `${department} bliver ansvarlig`,
      involved: (department) => `${department} inddrages`,
      'already-routed': (department) => `${department} er allerede på sagen`,
    },
    keywordsFound: (keywords) => `(fandt: ${keywords})`,
    noRules: 'Tabellen har ingen regler; standardafdelingen er ansvarlig.',
  },
  save: {
    title: 'Gem som kontroleksempel',
    lead: (version) => `Et kontroleksempel gemmer henvendelsen og den fordeling, den skal have: som udgangspunkt den, ${version} giver. Hver senere offentliggørelse skal fordele den sådan.`,
    button: 'Gem kontroleksempel',
  },
  notFound: { title: 'Versionen findes ikke', body: 'Der er ingen fordelingstabel med det versionsnummer.' },
};

const daGoldenCases: GoldenCasesTexts = {
  title: 'Kontroleksempler',
  lead: 'Eksempler på henvendelser med den fordeling, de skal have. En kladde offentliggøres kun, når alle eksempler består, eller med en begrundelse.',
  listTitle: 'Eksemplerne',
  caption: 'Kontroleksempler, ældste først',
  name: 'Navn',
  inquiry: 'Henvendelse',
  expected: 'Forventet fordeling',
  publishedTable: 'Offentliggjort tabel',
  actions: 'Handlinger',
  passes: 'Består',
  fails: 'Består ikke',
  routedAs: (routing) => `fordeles: ${routing}`,
  notChecked: 'Ikke afprøvet',
  none: 'Der er ingen kontroleksempler endnu.',
  tally: (passed, total, version) => `${passed} af ${total} består mod ${version}.`,
  noPublished: 'Ingen tabel er offentliggjort.',
  toSimulate: (version) => `Afprøv version ${version}`,
  chooser: {
    label: 'Afprøv også mod',
    hint: 'Vælg fx den kladde, du arbejder på. Eksemplerne afprøves altid mod den offentliggjorte tabel.',
    publishedOnly: 'Kun den offentliggjorte tabel',
    button: 'Afprøv',
    unknown: 'Versionen findes ikke. Vælg en på listen',
  },
  add: {
    title: 'Tilføj et kontroleksempel',
    lead: 'Skriv henvendelsen og den fordeling, den skal have. Du kan også gemme et resultat fra en afprøvning.',
    button: 'Tilføj kontroleksempel',
  },
  delete: {
    link: 'Slet',
    crumb: 'Slet',
    title: (name) => `Slet kontroleksemplet “${name}”?`,
    lead: 'Eksemplet afprøves ikke længere, når en kladde offentliggøres. Det kan ikke fortrydes.',
    confirm: 'Slet kontroleksempel',
    cancel: 'Fortryd',
  },
  done: { created: 'Kontroleksemplet er gemt.', deleted: 'Kontroleksemplet er slettet.' },
  notFound: { title: 'Kontroleksemplet blev ikke fundet', body: 'Det er måske slettet i mellemtiden.' },
  toList: 'Til kontroleksemplerne',
};

const daCasePage: CasePageTexts = {
  title: (reference) => `Sag ${reference}`,
  onThisPage: 'På siden',
  sections: { assignments: 'Afdelingernes opgaver', routing: 'Hvorfor sagen er her', notes: 'Noter', handOver: 'Overdrag eller inddrag', inquiry: 'Henvendelsen', history: 'Historik' },
  facts: { status: 'Status for virksomheden', lead: 'Ansvarlig afdeling', due: 'Næste frist', received: 'Modtaget', subject: 'Emne' },
  caseStatuses: { received: 'Modtaget', in_progress: 'Under behandling', waiting_for_you: 'Afventer virksomheden', resolved: 'Afsluttet' },
  assignments: {
    caption: 'Opgaver pr. afdeling',
    department: 'Afdeling',
    role: 'Rolle',
    status: 'Status',
    assignee: 'Sagsbehandler',
    due: 'Frist',
    actions: 'Handlinger',
    roles: { lead: 'Ansvarlig', involved: 'Inddraget' },
    statuses: { queued: 'I kø', in_progress: 'I gang', waiting: 'Venter på virksomheden', done: 'Færdig', transferred: 'Overdraget' },
    nobody: 'Ingen endnu',
    overdueMark: '(over fristen)',
    action: { claim: 'Tag opgaven', wait: 'Venter på virksomheden', resume: 'Genoptag', done: 'Marker som færdig', release: 'Læg tilbage i køen', reopen: 'Genåbn' },
    actionFor: (action, department) => `${action}: ${department}`,
    noActions: 'Ingen',
  },
  routing: {
    version: (version) => `Fordelt efter fordelingstabel version ${version}.`,
    leadBy: (department, rule) => html`<strong>${department}</strong> er ansvarlig efter reglen »${rule}«.`,
    leadByFallback: (department) => html`<strong>${department}</strong> er ansvarlig, fordi ingen regel pegede på en ansvarlig afdeling (tabellens standardafdeling).`,
    involvedBy: (department, rule) => html`<strong>${department}</strong> er inddraget efter reglen »${rule}«.`,
    caption: 'Regler, der passede på henvendelsen',
    rule: 'Regel',
    department: 'Afdeling',
    role: 'Rolle',
    unknownRule: 'Reglen findes ikke længere i tabellen',
    noRules: 'Ingen regler passede på henvendelsen.',
  },
  notes: {
    writeTitle: 'Skriv en note',
    body: 'Note',
    bodyHint: 'Noter kan ikke rettes eller slettes. En rettelse er en ny note.',
    visibility: 'Hvem kan læse noten?',
    visibilities: {
      department: { label: 'Kun afdelingen', hint: 'Afdelingens sagsbehandlere, koordinatorer og administratorer.' },
      case: { label: 'Alle på sagen', hint: 'Alle afdelinger, der arbejder med sagen.' },
      enterprise: { label: 'Også virksomheden', hint: 'Vises på virksomhedens statusside og sendes til kontaktpersonen.' },
    },
    department: 'Afdeling',
    departmentHint: 'Den afdeling, noten hører til.',
    noDepartment: 'Ingen bestemt afdeling',
    submit: 'Gem noten',
    listTitle: 'Noter du kan læse',
    none: 'Der er ingen noter, du kan læse.',
    meta: (author, department, at) => `${author}${department ? `, ${department}` : ''}, ${at}`,
    mayNotWrite: 'Kun den ansvarlige afdeling og koordinatorer skriver til virksomheden.',
  },
  transfer: {
    title: 'Overdrag til en anden afdeling',
    lead: 'Afdelingens opgave afsluttes som overdraget, og den anden afdeling får den i sin kø med samme frist.',
    from: 'Overdrag opgaven fra',
    to: 'Til afdelingen',
    reason: 'Begrundelse',
    reasonHint: 'Hvorfor skal den anden afdeling have sagen? Begrundelsen står i historikken.',
    submit: 'Overdrag',
    choose: 'Vælg afdeling',
    nothing: 'Du har ingen åben opgave på sagen at overdrage.',
  },
  involve: {
    title: 'Inddrag en afdeling',
    lead: 'Afdelingen får en opgave i sin kø. Fristen regnes fra i dag.',
    department: 'Afdeling',
    reason: 'Begrundelse',
    reasonHint: 'Hvad skal afdelingen hjælpe med? Begrundelsen står i historikken.',
    submit: 'Inddrag',
    choose: 'Vælg afdeling',
    nothing: 'Kun en afdeling, der arbejder på sagen, eller en koordinator kan inddrage andre.',
  },
  inquiry: {
    enterprise: 'Virksomheden',
    contact: 'Kontaktperson',
    cvr: 'CVR-nummer',
    name: 'Navn',
    postcode: 'Postnummer',
    employees: 'Medarbejdere',
    registered: 'Registreret socialøkonomisk virksomhed',
    yes: 'Ja',
    no: 'Nej',
    unknown: 'Ikke oplyst',
    email: 'E-mail',
    phone: 'Telefon',
    topics: 'Emner',
    subject: 'Emne',
    description: 'Beskrivelse',
    channel: 'Kom via',
    channels: { web: 'Webformularen', api: 'API (et andet system)' },
    language: 'Sprog',
    languages: { da: 'Dansk', en: 'Engelsk' },
  },
  history: {
    caption: 'Sagens historik, ældste først',
    when: 'Tidspunkt',
    who: 'Hvem',
    what: 'Hvad',
    system: 'Systemet',
    none: 'Ingen hændelser.',
    created: (channel) => `Henvendelsen kom ind (${channel}), og sagen blev oprettet.`,
    routed: (lead) => `Sagen blev fordelt: ${lead} er ansvarlig.`,
    claimed: (department) => `Opgaven i ${department} blev taget fra køen.`,
    statusChanged: (department, before, after) => `${department}: ${before} → ${after}.`,
    released: (department) => `Opgaven i ${department} blev lagt tilbage i køen.`,
    assigneeChanged: (department) => `Opgaven i ${department} fik en anden sagsbehandler.`,
    priorityChanged: (department) => `Opgaven i ${department} fik en anden prioritet.`,
    transferred: (from, to, reason) => `${from} overdrog sin opgave til ${to}. Begrundelse: ${reason}`,
    involved: (department, reason) => `${department} blev inddraget. Begrundelse: ${reason}`,
    noteAdded: (visibility) => `En note blev skrevet (${visibility}).`,
    caseStatusChanged: (before, after) => `Status for virksomheden: ${before} → ${after}.`,
    rerouted: (lead) => `Sagen blev fordelt igen: ${lead} er ansvarlig.`,
    assigned: (department, mode, openBefore, covering) =>
      `Opgaven i ${department} blev givet automatisk til en sagsbehandler (${mode === 'round-robin' ? 'på skift' : 'færrest åbne opgaver'}; ${openBefore} åbne opgaver før${covering ? '; dækker for en fraværende kollega' : ''}).`,
    notificationSent: 'En besked blev sendt til virksomhedens kontaktperson.',
    notificationFailed: 'En besked til virksomhedens kontaktperson kunne ikke sendes.',
  },
  done: {
    claim: 'Du har taget opgaven.',
    wait: 'Opgaven venter nu på virksomheden.',
    resume: 'Opgaven er i gang igen.',
    done: 'Opgaven er markeret som færdig.',
    release: 'Opgaven er lagt tilbage i køen.',
    reopen: 'Opgaven er genåbnet.',
    note: 'Noten er gemt.',
    transfer: (department) => `Opgaven er overdraget til ${department}.`,
    involve: (department) => `${department} er inddraget i sagen.`,
  },
  errors: {
    summary: 'Der er problemer med det, du sendte',
    noteRequired: 'Skriv noten',
    reasonRequired: 'Skriv en begrundelse',
    tooLong: (n) => `Teksten må højst være ${n} tegn`,
    invalidText: 'Teksten må ikke indeholde usynlige tegn',
    chooseDepartment: 'Vælg en afdeling',
    unknownDepartment: 'Vælg en afdeling fra listen',
    alreadyOnCase: 'Afdelingen arbejder allerede på sagen. Vælg en anden',
    chooseVisibility: 'Vælg, hvem der kan læse noten',
    notPossible: { title: 'Ændringen kunne ikke laves', body: 'Opgaven kan ikke ændres på den måde nu. Se opgavens status herunder.' },
  },
  stale: {
    title: 'Sagen er ændret, siden du hentede siden',
    body: 'Din ændring er ikke gemt. Se, hvad der er sket, og send igen, hvis den stadig giver mening.',
    changesCaption: 'Det er sket siden',
    noVisibleChanges: 'Ændringen er en, du ikke har adgang til at se.',
    kept: 'Det, du skrev, står stadig i feltet.',
  },
  saved: 'Ændringen er gemt',
  notFound: { title: 'Sagen blev ikke fundet', body: 'Der er ingen sag med det sagsnummer, som du har adgang til. Tjek sagsnummeret.' },
  toMyWork: 'Gå til mit arbejde',
};

const enRoutingInquiry: RoutingInquiryTexts = {
  breadcrumbs: { label: 'Breadcrumb', tables: 'Routing tables', version: (version) => `Version ${version}` },
  tableStatus: { draft: 'draft', published: 'published', retired: 'retired' },
  versionName: (version, status) => `Version ${version} (${status})`,
  routing: (lead, involved) => `${lead} leads; involved: ${involved}`,
  noneInvolved: 'none',
  topics: 'Topics',
  topicsHint: 'Choose one or more, at most 5.',
  subject: 'Subject',
  subjectHint: 'Keywords are looked for in the subject and the description.',
  description: 'Description',
  descriptionHint: 'The text the enterprise wrote. At most 5,000 characters.',
  employees: 'Number of employees',
  postcode: 'Postcode',
  registered: 'Registered social enterprise (RSV)?',
  yes: 'Yes',
  no: 'No',
  notGiven: 'Not given',
  name: 'Name of the golden case',
  nameHint: 'So you know it again, e.g. “Flex job in a café”.',
  expectedLead: 'Lead department',
  leadHint: 'The department that must lead the inquiry.',
  chooseDepartment: 'Choose a department',
  expectedInvolved: 'Involved departments',
  involvedHint: 'The departments that must be involved too. None is an answer too.',
  errors: {
    summary: 'There are problems with what you sent',
    registeredInvalid: 'Choose yes, no or not given',
    nameRequired: 'Write a name',
    nameTooLong: (n) => `The name can be at most ${n} characters`,
    nameInvalid: 'The name cannot contain line breaks or invisible characters',
    chooseLead: 'Choose the lead department',
    unknownDepartment: 'Choose a department from the list',
    leadInvolved: 'The lead department cannot also be involved',
  },
};

const enRoutingSimulate: RoutingSimulateTexts = {
  title: (version) => `Simulate version ${version}`,
  lead: 'Fill in an inquiry, or take one of the latest cases, and see how this version and the published table route it, rule by rule. Nothing is saved unless you save the result as a golden case.',
  about: (version, published) => (published ? `You are simulating ${version} and comparing it with the published table, ${published}.` : `You are simulating ${version}.`),
  crumb: 'Simulate',
  toTables: 'To the routing tables',
  goldenCasesLink: (version) => `See the golden cases checked against version ${version}`,
  formTitle: 'The inquiry',
  changeTitle: 'Change the inquiry',
  submit: 'Simulate routing',
  recent: {
    title: 'Start from a recent case',
    lead: "The case's inquiry fills the form and is simulated. That you saw it is recorded in the case's access log.",
    caption: 'The latest cases, newest first',
    reference: 'Reference',
    subject: 'Subject',
    topics: 'Topics',
    received: 'Received',
    actions: 'Action',
    use: 'Simulate',
    none: 'There are no cases yet.',
    picked: (reference) => `The inquiry of case ${reference}`,
    pickedBody: "The form below holds the case's inquiry. Change it and simulate again if you like.",
    notFound: (reference) => ({ title: 'The case was not found', body: `There is no case ${reference} that you have access to. Choose a case from the list.` }),
  },
  result: {
    title: 'Result',
    noPublished: 'No table is published, so there is nothing to compare with.',
    isPublished: (version) => `${version} is the published table.`,
    sameVerdict: (version, published) => `Same: ${version} routes the inquiry as ${published} does.`,
    differsVerdict: (version, published) => `Difference: ${version} routes the inquiry differently from ${published}.`,
    decisionCaption: 'The routing',
    lead: 'Lead department',
    involved: 'Involved departments',
    chosenBy: 'Lead chosen by',
    fallback: "No rule: the table's fallback department",
    compared: 'Compared',
    same: 'Same',
    differs: 'Differs',
    rulesTitle: 'Rule by rule',
    rulesCaption: 'Every rule and what it did for the inquiry',
    rule: 'Rule',
    sendsTo: 'Sends to',
    ruleRole: (department, role) => (role === 'lead' ? `${department}, leads` : `${department}, involved`),
    notInTable: 'Not in this table',
    matched: 'Matched',
    notMatched: 'Not matched',
    failed: {
      topics: "none of the inquiry's topics is one of the rule's",
      registeredSocialEnterprise: 'the registered social enterprise answer does not fit',
      employees: "the number of employees is outside the rule's range, or not given",
      postcodes: "the postcode is outside the rule's ranges, or not given",
      keywords: "the subject and description mention none of the rule's keywords",
    },
    effects: {
      lead: (department) => `${department} leads`,
      involved: (department) => `${department} is involved`,
      'already-routed': (department) => `${department} is already on the case`,
    },
    keywordsFound: (keywords) => `(found: ${keywords})`,
    noRules: 'The table has no rules; its fallback department leads.',
  },
  save: {
    title: 'Save as a golden case',
    lead: (version) => `A golden case keeps the inquiry and the routing it must get: to begin with, the one ${version} gives. Every later publish must route it so.`,
    button: 'Save golden case',
  },
  notFound: { title: 'The version does not exist', body: 'There is no routing table with that version number.' },
};

const enGoldenCases: GoldenCasesTexts = {
  title: 'Golden cases',
  lead: 'Example inquiries with the routing they must get. A draft is published only when all of them pass, or with a reason.',
  listTitle: 'The golden cases',
  caption: 'Golden cases, oldest first',
  name: 'Name',
  inquiry: 'Inquiry',
  expected: 'Expected routing',
  publishedTable: 'Published table',
  actions: 'Actions',
  passes: 'Passes',
  fails: 'Fails',
  routedAs: (routing) => `routed: ${routing}`,
  notChecked: 'Not checked',
  none: 'There are no golden cases yet.',
  tally: (passed, total, version) => `${passed} of ${total} pass against ${version}.`,
  noPublished: 'No table is published.',
  toSimulate: (version) => `Simulate version ${version}`,
  chooser: {
    label: 'Also check against',
    hint: 'Choose the draft you are working on, say. The golden cases are always checked against the published table.',
    publishedOnly: 'Only the published table',
    button: 'Check',
    unknown: 'There is no such version. Choose one from the list',
  },
  add: {
    title: 'Add a golden case',
    lead: 'Write the inquiry and the routing it must get. You can also save a result from a simulation.',
    button: 'Add golden case',
  },
  delete: {
    link: 'Delete',
    crumb: 'Delete',
    title: (name) => `Delete the golden case “${name}”?`,
    lead: 'It will no longer be checked when a draft is published. This cannot be undone.',
    confirm: 'Delete golden case',
    cancel: 'Cancel',
  },
  done: { created: 'The golden case has been saved.', deleted: 'The golden case has been deleted.' },
  notFound: { title: 'The golden case was not found', body: 'It may have been deleted meanwhile.' },
  toList: 'To the golden cases',
};

const enCasePage: CasePageTexts = {
  title: (reference) => `Case ${reference}`,
  onThisPage: 'On this page',
  sections: { assignments: "The departments' assignments", routing: 'Why the case is here', notes: 'Notes', handOver: 'Transfer or involve', inquiry: 'The inquiry', history: 'History' },
  facts: { status: 'Status for the enterprise', lead: 'Lead department', due: 'Next due date', received: 'Received', subject: 'Subject' },
  caseStatuses: { received: 'Received', in_progress: 'In progress', waiting_for_you: 'Waiting for the enterprise', resolved: 'Resolved' },
  assignments: {
    caption: 'Assignments per department',
    department: 'Department',
    role: 'Role',
    status: 'Status',
    assignee: 'Caseworker',
    due: 'Due',
    actions: 'Actions',
    roles: { lead: 'Lead', involved: 'Involved' },
    statuses: { queued: 'Queued', in_progress: 'In progress', waiting: 'Waiting for the enterprise', done: 'Done', transferred: 'Transferred' },
    nobody: 'Nobody yet',
    overdueMark: '(overdue)',
    action: { claim: 'Take it', wait: 'Waiting for the enterprise', resume: 'Resume', done: 'Mark as done', release: 'Put back in the queue', reopen: 'Reopen' },
    actionFor: (action, department) => `${action}: ${department}`,
    noActions: 'None',
  },
  routing: {
    version: (version) => `Routed by routing table version ${version}.`,
    leadBy: (department, rule) => html`<strong>${department}</strong> leads by the rule “${rule}”.`,
    leadByFallback: (department) => html`<strong>${department}</strong> leads because no rule chose a lead department (the table's fallback department).`,
    involvedBy: (department, rule) => html`<strong>${department}</strong> is involved by the rule “${rule}”.`,
    caption: 'Rules that matched the inquiry',
    rule: 'Rule',
    department: 'Department',
    role: 'Role',
    unknownRule: 'The rule is no longer in the table',
    noRules: 'No rule matched the inquiry.',
  },
  notes: {
    writeTitle: 'Write a note',
    body: 'Note',
    bodyHint: 'Notes cannot be edited or deleted. A correction is a new note.',
    visibility: 'Who can read the note?',
    visibilities: {
      department: { label: 'The department only', hint: "The department's caseworkers, coordinators and administrators." },
      case: { label: 'Everyone on the case', hint: 'Every department working on the case.' },
      enterprise: { label: 'The enterprise too', hint: "Shown on the enterprise's status page and sent to the contact person." },
    },
    department: 'Department',
    departmentHint: 'The department the note belongs to.',
    noDepartment: 'No particular department',
    submit: 'Save the note',
    listTitle: 'Notes you can read',
    none: 'There are no notes you can read.',
    meta: (author, department, at) => `${author}${department ? `, ${department}` : ''}, ${at}`,
    mayNotWrite: 'Only the lead department and coordinators write to the enterprise.',
  },
  transfer: {
    title: 'Transfer to another department',
    lead: "The department's assignment ends as transferred, and the other department gets it in its queue with the same due date.",
    from: 'Transfer the assignment of',
    to: 'To the department',
    reason: 'Reason',
    reasonHint: 'Why should the other department have the case? The reason is kept in the history.',
    submit: 'Transfer',
    choose: 'Choose a department',
    nothing: 'You have no open assignment on the case to transfer.',
  },
  involve: {
    title: 'Involve a department',
    lead: 'The department gets an assignment in its queue. Its due date is counted from today.',
    department: 'Department',
    reason: 'Reason',
    reasonHint: 'What should the department help with? The reason is kept in the history.',
    submit: 'Involve',
    choose: 'Choose a department',
    nothing: 'Only a department working on the case, or a coordinator, can involve others.',
  },
  inquiry: {
    enterprise: 'The enterprise',
    contact: 'Contact person',
    cvr: 'CVR number',
    name: 'Name',
    postcode: 'Postcode',
    employees: 'Employees',
    registered: 'Registered social enterprise',
    yes: 'Yes',
    no: 'No',
    unknown: 'Not given',
    email: 'Email',
    phone: 'Phone',
    topics: 'Topics',
    subject: 'Subject',
    description: 'Description',
    channel: 'Came through',
    channels: { web: 'The web form', api: 'The API (another system)' },
    language: 'Language',
    languages: { da: 'Danish', en: 'English' },
  },
  history: {
    caption: "The case's history, oldest first",
    when: 'When',
    who: 'Who',
    what: 'What',
    system: 'The system',
    none: 'No events.',
    created: (channel) => `The inquiry arrived (${channel}) and the case was opened.`,
    routed: (lead) => `The case was routed: ${lead} leads.`,
    claimed: (department) => `The ${department} assignment was taken from the queue.`,
    statusChanged: (department, before, after) => `${department}: ${before} → ${after}.`,
    released: (department) => `The ${department} assignment was put back in the queue.`,
    assigneeChanged: (department) => `The ${department} assignment went to another caseworker.`,
    priorityChanged: (department) => `The ${department} assignment got another priority.`,
    transferred: (from, to, reason) => `${from} transferred its assignment to ${to}. Reason: ${reason}`,
    involved: (department, reason) => `${department} was involved. Reason: ${reason}`,
    noteAdded: (visibility) => `A note was written (${visibility}).`,
    caseStatusChanged: (before, after) => `Status for the enterprise: ${before} → ${after}.`,
    rerouted: (lead) => `The case was routed again: ${lead} leads.`,
    assigned: (department, mode, openBefore, covering) =>
      `The ${department} assignment was given out automatically (${mode === 'round-robin' ? 'round robin' : 'fewest open assignments'}; ${openBefore} open before${covering ? '; covering for an absent colleague' : ''}).`,
    notificationSent: "A message was sent to the enterprise's contact person.",
    notificationFailed: "A message to the enterprise's contact person could not be sent.",
  },
  done: {
    claim: 'You took the assignment.',
    wait: 'The assignment is now waiting for the enterprise.',
    resume: 'The assignment is in progress again.',
    done: 'The assignment is marked as done.',
    release: 'The assignment is back in the queue.',
    reopen: 'The assignment is reopened.',
    note: 'The note is saved.',
    transfer: (department) => `The assignment is transferred to ${department}.`,
    involve: (department) => `${department} is involved in the case.`,
  },
  errors: {
    summary: 'There is a problem with what you sent',
    noteRequired: 'Write the note',
    reasonRequired: 'Give a reason',
    tooLong: (n) => `The text must be ${n} characters or fewer`,
    invalidText: 'The text must not contain invisible characters',
    chooseDepartment: 'Choose a department',
    unknownDepartment: 'Choose a department from the list',
    alreadyOnCase: 'The department is already working on the case. Choose another',
    chooseVisibility: 'Choose who can read the note',
    notPossible: { title: 'The change could not be made', body: 'The assignment cannot be changed that way now. See its status below.' },
  },
  stale: {
    title: 'The case has changed since you opened the page',
    body: 'Your change has not been saved. See what happened, and send it again if it still makes sense.',
    changesCaption: 'What happened since',
    noVisibleChanges: 'The change is one you do not have access to see.',
    kept: 'What you typed is still in the field.',
  },
  saved: 'Your change is saved',
  notFound: { title: 'Case not found', body: 'There is no case with that reference that you have access to. Check the reference.' },
  toMyWork: 'Go to my work',
};

/** The administration's sections beyond the users, in Danish. */
const daAdminSections = {
  forbidden: {
    title: 'Du har ikke adgang til siden',
    body: 'Administrationssiderne er kun for administratorer. Spørg en administrator, hvis der skal ændres noget her.',
  },
  toMyWork: 'Til Mit arbejde',
  sections: { label: 'Administrationens sider', users: 'Brugere', integrators: 'Integrationer', webhooks: 'Webhooks', departments: 'Afdelinger', topics: 'Emnekatalog' },
  profile: { title: 'Navn og e-mail', button: 'Gem navn og e-mail' },
  integrators: {
    title: 'Integrationer',
    lead: 'Andre systemer, der bruger API’et med en API-nøgle: de sender henvendelser ind, læser dem, de har sendt, og kan få besked om ændringer med webhooks.',
    caption: 'Integrationer, ældste først',
    none: 'Der er ingen integrationer endnu.',
    contact: 'Kontaktens e-mail',
    toList: 'Til alle integrationer',
    toIntegrator: (name) => `Til ${name}: API-nøgler og tilbagekaldelse`,
    createdTitle: (name) => `${name} er oprettet med en API-nøgle`,
    create: {
      title: 'Opret integration',
      lead: 'Integrationen får rollen Integration og sin første API-nøgle, som vises én gang.',
      nameHint: 'Systemets navn, fx "Partnerportalen".',
      contactHint: 'Hvem kommunen kontakter om integrationen, fx leverandørens driftsadresse.',
      defaultTokenName: 'API',
      button: 'Opret integration og API-nøgle',
    },
  },
  webhooks: {
    title: 'Webhooks',
    lead: 'Adresser, der får besked, når der sker noget med en sag. Her ses alle, også dem, integrationerne selv har oprettet via API’et.',
    caption: 'Webhooks med adresse, hændelser, ejer og status',
    none: 'Der er ingen webhooks endnu.',
    url: 'Adresse (URL)',
    events: 'Hændelser',
    owner: 'Ejer',
    status: 'Status',
    created: 'Oprettet',
    active: 'Aktiv',
    disabled: 'Deaktiveret',
    unknownOwner: 'Ukendt',
    toList: 'Til alle webhooks',
    endpointTitle: 'Webhook',
    eventTypes: {
      'case.created': 'Sag oprettet',
      'case.assignment.changed': 'Opgave ændret',
      'case.transferred': 'Sag overdraget',
      'case.involved': 'Afdeling inddraget',
      'case.resolved': 'Sag afsluttet',
      'case.note.enterprise': 'Note til virksomheden',
    },
    create: {
      title: 'Opret webhook',
      lead: 'Webhooken tilhører dig og får besked om alle sager. Integrationer opretter deres egne via API’et og hører kun om de sager, de selv har sendt ind.',
      urlHint: 'En https-adresse på internettet, fx https://partner.example/hooks. Adressen tjekkes nu og ved hver levering.',
      descriptionLabel: 'Beskrivelse (valgfri)',
      descriptionHint: 'Hvad webhooken bruges til; højst 500 tegn.',
      button: 'Opret webhook',
    },
    deliveries: {
      title: 'Seneste leverancer',
      lead: 'De nyeste først. En leverance, der fejlede, kan sendes igen med det samme; modtageren kender den igen på dens webhook-id.',
      caption: 'Leverancer med status, forsøg og fejl, nyeste først',
      none: 'Der er ingen leverancer endnu.',
      event: 'Hændelse',
      case: 'Sag',
      status: 'Status',
      attempts: 'Forsøg',
      statusCode: 'Seneste svar (HTTP)',
      error: 'Fejl',
      nextAttempt: 'Næste forsøg',
      redeliver: 'Send igen',
      redeliverNamed: (event, reference) => `Send ${event} om ${reference} igen`,
      statuses: { delivered: 'Leveret', failed: 'Fejlet', retrying: 'Fejlet, prøves igen', waiting: 'Venter' },
      noCase: 'Ingen',
      noAnswer: 'Intet svar',
      notTried: 'Ikke prøvet endnu',
      noError: 'Ingen',
      noNextAttempt: 'Intet',
      older: 'Ældre leverancer',
    },
    activation: {
      deactivateTitle: 'Deaktivér',
      deactivateText: 'En deaktiveret webhook får ingen leverancer. Hændelser imens registreres som fejlede og kan sendes igen, når den er aktiv igen.',
      deactivate: 'Deaktivér webhook',
      activateTitle: 'Aktivér',
      activateText: 'Webhooken er deaktiveret og får ingen leverancer.',
      activate: 'Aktivér webhook',
    },
    secret: {
      title: 'Signeringsnøgle',
      lead: 'Lav en ny hemmelig nøgle, som leverancerne signeres med. Den gamle virker 24 timer endnu, så modtageren kan nå at skifte.',
      button: 'Lav ny signeringsnøgle',
      label: 'Signeringsnøgle',
      revealed: { title: 'Signeringsnøglen er lavet', body: 'Kopiér den nu og giv den til modtageren. Den vises kun denne ene gang.' },
      previousUntil: 'Den gamle nøgle virker til',
    },
    remove: {
      title: 'Slet',
      lead: 'Sletter webhooken og dens log over leverancer. Der sendes ikke mere til den.',
      button: 'Slet webhook …',
      confirmTitle: 'Slet webhook?',
      confirmText: (url) => `Webhooken til ${url} og dens log over leverancer slettes. Det kan ikke fortrydes.`,
      confirm: 'Slet webhook',
      cancel: 'Fortryd og gå tilbage til webhooken',
    },
    done: {
      deleted: 'Webhooken er slettet.',
      deactivated: 'Webhooken er deaktiveret.',
      activated: 'Webhooken er aktiv igen.',
      redelivered: 'Leverancen sendes igen nu.',
    },
    errors: {
      urlRequired: 'Skriv webhookens adresse',
      urlTooLong: 'Højst 2048 tegn',
      unsafeUrl: (reason) => `Adressen kan ikke bruges: ${reason}`,
      chooseEvents: 'Vælg mindst én hændelse',
      descriptionTooLong: 'Højst 500 tegn',
      tooMany: { title: 'Der er for mange webhooks', body: 'Du har det højeste antal webhooks, en konto kan have. Slet en, før du opretter en ny.' },
      disabledRedelivery: { title: 'Webhooken er deaktiveret', body: 'Aktivér webhooken, før du sender en leverance igen.' },
      notFound: { title: 'Webhooken findes ikke', body: 'Der er ingen webhook på denne adresse. Måske er den slettet.' },
    },
  },
  departmentsPage: {
    title: 'Afdelinger',
    lead: 'Afdelingerne, som sager sendes til, og hvor mange sagsbehandlere der hører til hver.',
    caption: 'Afdelinger med antal sagsbehandlere',
    code: 'Kode',
    nameDa: 'Navn på dansk',
    nameEn: 'Navn på engelsk',
    takesWork: 'Modtager sager',
    activeMembers: 'Aktive sagsbehandlere',
    inactiveMembers: 'Deaktiverede sagsbehandlere',
    membershipsHint: 'Hvem der hører til en afdeling, ændres på brugerens side under Brugere.',
  },
  topics: {
    title: 'Emnekatalog',
    lead: 'Emnerne, som formularen tilbyder, med svarfristen i arbejdsdage, og om de vises i de offentlige tal.',
    caption: 'Emner med navne, svarfrist og offentlighed',
    code: 'Kode',
    nameDa: 'Navn på dansk',
    nameEn: 'Navn på engelsk',
    descriptionDa: 'Beskrivelse på dansk',
    descriptionEn: 'Beskrivelse på engelsk',
    responseDays: 'Svarfrist (arbejdsdage)',
    responseDaysHint: 'Et helt tal fra 1 til 60. Gælder henvendelser, der kommer ind fra nu af; sager, der allerede er modtaget, beholder deres dato.',
    public: 'Offentlig',
    publicLabel: 'Vis emnet i de offentlige tal på gennemsigtighedssiden',
    publicHint: 'Fra næste opgørelse af statistikken.',
    edit: 'Ret',
    editNamed: (name) => `Ret emnet ${name}`,
    topicTitle: (name) => `Emne: ${name}`,
    editLead: (code) => `Emnets kode er ${code}. Den kan ikke ændres.`,
    save: 'Gem emnet',
    saved: (name) => `Emnet ${name} er gemt.`,
    toList: 'Til emnekataloget',
    notFound: { title: 'Emnet findes ikke', body: 'Der er intet aktivt emne med denne kode.' },
    errors: {
      nameRequired: 'Skriv et navn',
      nameTooLong: 'Højst 100 tegn',
      nameInvalid: 'Må ikke indeholde linjeskift eller kontroltegn',
      descriptionRequired: 'Skriv en beskrivelse',
      descriptionTooLong: 'Højst 500 tegn',
      descriptionInvalid: 'Må ikke indeholde kontroltegn',
      responseDays: 'Skriv et helt antal arbejdsdage fra 1 til 60',
    },
  },
} satisfies Pick<AdminTexts, 'forbidden' | 'toMyWork' | 'sections' | 'profile' | 'integrators' | 'webhooks' | 'departmentsPage' | 'topics'>;

/** The administration's sections beyond the users, in English. */
const enAdminSections = {
  forbidden: {
    title: 'You do not have access to this page',
    body: 'The administration pages are for administrators only. Ask an administrator if something here needs changing.',
  },
  toMyWork: 'To My work',
  sections: { label: 'Administration sections', users: 'Users', integrators: 'Integrators', webhooks: 'Webhooks', departments: 'Departments', topics: 'Topic catalogue' },
  profile: { title: 'Name and email', button: 'Save name and email' },
  integrators: {
    title: 'Integrators',
    lead: 'Other systems that use the API with an API token: they submit inquiries, read those they submitted, and can be told of changes by webhook.',
    caption: 'Integrators, oldest first',
    none: 'There are no integrators yet.',
    contact: 'Contact email',
    toList: 'To all integrators',
    toIntegrator: (name) => `To ${name}: API tokens and revoking them`,
    createdTitle: (name) => `${name} has been created with an API token`,
    create: {
      title: 'Create an integrator',
      lead: 'The integrator gets the role Integrator and its first API token, which is shown once.',
      nameHint: 'The system\'s name, e.g. "Partner portal".',
      contactHint: 'Whom the municipality contacts about the integration, e.g. the supplier\'s operations address.',
      defaultTokenName: 'API',
      button: 'Create integrator and API token',
    },
  },
  webhooks: {
    title: 'Webhooks',
    lead: 'Addresses that are told when something happens to a case. All are shown here, including those integrators registered themselves through the API.',
    caption: 'Webhooks with address, events, owner and status',
    none: 'There are no webhooks yet.',
    url: 'Address (URL)',
    events: 'Events',
    owner: 'Owner',
    status: 'Status',
    created: 'Created',
    active: 'Active',
    disabled: 'Deactivated',
    unknownOwner: 'Unknown',
    toList: 'To all webhooks',
    endpointTitle: 'Webhook',
    eventTypes: {
      'case.created': 'Case created',
      'case.assignment.changed': 'Assignment changed',
      'case.transferred': 'Case transferred',
      'case.involved': 'Department involved',
      'case.resolved': 'Case resolved',
      'case.note.enterprise': 'Note to the enterprise',
    },
    create: {
      title: 'Create a webhook',
      lead: 'The webhook is yours and is told about every case. Integrators register their own through the API and hear only of the cases they submitted.',
      urlHint: 'An https address on the internet, e.g. https://partner.example/hooks. The address is checked now and at every delivery.',
      descriptionLabel: 'Description (optional)',
      descriptionHint: 'What the webhook is for; at most 500 characters.',
      button: 'Create webhook',
    },
    deliveries: {
      title: 'Recent deliveries',
      lead: 'Newest first. A delivery that failed can be sent again at once; the receiver recognises it by its webhook id.',
      caption: 'Deliveries with status, attempts and errors, newest first',
      none: 'There are no deliveries yet.',
      event: 'Event',
      case: 'Case',
      status: 'Status',
      attempts: 'Attempts',
      statusCode: 'Last answer (HTTP)',
      error: 'Error',
      nextAttempt: 'Next attempt',
      redeliver: 'Redeliver',
      redeliverNamed: (event, reference) => `Redeliver ${event} about ${reference}`,
      statuses: { delivered: 'Delivered', failed: 'Failed', retrying: 'Failed, will retry', waiting: 'Waiting' },
      noCase: 'None',
      noAnswer: 'No answer',
      notTried: 'Not tried yet',
      noError: 'None',
      noNextAttempt: 'None',
      older: 'Older deliveries',
    },
    activation: {
      deactivateTitle: 'Deactivate',
      deactivateText: 'A deactivated webhook gets no deliveries. Events meanwhile are recorded as failed and can be sent again once it is active again.',
      deactivate: 'Deactivate webhook',
      activateTitle: 'Activate',
      activateText: 'The webhook is deactivated and gets no deliveries.',
      activate: 'Activate webhook',
    },
    secret: {
      title: 'Signing secret',
      lead: 'Make a new secret that deliveries are signed with. The old one keeps working for 24 hours, so the receiver has time to switch.',
      button: 'Make a new signing secret',
      label: 'Signing secret',
      revealed: { title: 'The signing secret has been made', body: 'Copy it now and give it to the receiver. It is shown this once only.' },
      previousUntil: 'The old secret works until',
    },
    remove: {
      title: 'Delete',
      lead: 'Deletes the webhook and its log of deliveries. Nothing more is sent to it.',
      button: 'Delete webhook …',
      confirmTitle: 'Delete the webhook?',
      confirmText: (url) => `The webhook to ${url} and its log of deliveries will be deleted. This cannot be undone.`,
      confirm: 'Delete webhook',
      cancel: 'Cancel and go back to the webhook',
    },
    done: {
      deleted: 'The webhook has been deleted.',
      deactivated: 'The webhook has been deactivated.',
      activated: 'The webhook is active again.',
      redelivered: 'The delivery is being sent again now.',
    },
    errors: {
      urlRequired: 'Enter the webhook\'s address',
      urlTooLong: 'At most 2048 characters',
      unsafeUrl: (reason) => `The address cannot be used: ${reason}`,
      chooseEvents: 'Choose at least one event',
      descriptionTooLong: 'At most 500 characters',
      tooMany: { title: 'There are too many webhooks', body: 'You have the most webhooks one account may have. Delete one before you create another.' },
      disabledRedelivery: { title: 'The webhook is deactivated', body: 'Activate the webhook before you send a delivery again.' },
      notFound: { title: 'No such webhook', body: 'There is no webhook at this address. Perhaps it was deleted.' },
    },
  },
  departmentsPage: {
    title: 'Departments',
    lead: 'The departments cases are sent to, and how many caseworkers belong to each.',
    caption: 'Departments with their numbers of caseworkers',
    code: 'Code',
    nameDa: 'Name in Danish',
    nameEn: 'Name in English',
    takesWork: 'Takes cases',
    activeMembers: 'Active caseworkers',
    inactiveMembers: 'Deactivated caseworkers',
    membershipsHint: 'Who belongs to a department is changed on the user\'s page under Users.',
  },
  topics: {
    title: 'Topic catalogue',
    lead: 'The topics the form offers, with the response target in working days, and whether they appear in the public figures.',
    caption: 'Topics with names, response target and publicity',
    code: 'Code',
    nameDa: 'Name in Danish',
    nameEn: 'Name in English',
    descriptionDa: 'Description in Danish',
    descriptionEn: 'Description in English',
    responseDays: 'Response target (working days)',
    responseDaysHint: 'A whole number from 1 to 60. It applies to inquiries received from now on; cases already received keep their date.',
    public: 'Public',
    publicLabel: 'Show the topic in the public figures on the transparency page',
    publicHint: 'From the next statistics snapshot.',
    edit: 'Edit',
    editNamed: (name) => `Edit the topic ${name}`,
    topicTitle: (name) => `Topic: ${name}`,
    editLead: (code) => `The topic's code is ${code}. It cannot be changed.`,
    save: 'Save the topic',
    saved: (name) => `The topic ${name} has been saved.`,
    toList: 'To the topic catalogue',
    notFound: { title: 'No such topic', body: 'There is no active topic with this code.' },
    errors: {
      nameRequired: 'Enter a name',
      nameTooLong: 'At most 100 characters',
      nameInvalid: 'Must not contain line breaks or control characters',
      descriptionRequired: 'Enter a description',
      descriptionTooLong: 'At most 500 characters',
      descriptionInvalid: 'Must not contain control characters',
      responseDays: 'Enter a whole number of working days from 1 to 60',
    },
  },
} satisfies Pick<AdminTexts, 'forbidden' | 'toMyWork' | 'sections' | 'profile' | 'integrators' | 'webhooks' | 'departmentsPage' | 'topics'>;
const daRoutingEditor: RoutingEditorTexts = {
  title: 'Fordeling',
  lead: 'Fordelingstabellen afgør, hvilken afdeling der er ansvarlig for en henvendelse, og hvilke der inddrages. Ret i en kladde, se forskellen til den offentliggjorte tabel, og offentliggør den, når testsagerne giver det forventede.',
  goldenCasesLink: 'Testsager',
  versions: {
    title: 'Versioner',
    caption: 'Fordelingstabellens versioner, nyeste først',
    version: 'Version',
    status: 'Status',
    rules: 'Regler',
    note: 'Note',
    created: 'Oprettet',
    published: 'Offentliggjort',
    reason: 'Begrundelse',
    actions: 'Handlinger',
    open: (version) => `Version ${version}`,
    copy: 'Kopiér til ny kladde',
    copyNamed: (version) => `Kopiér version ${version} til ny kladde`,
    forced: 'Offentliggjort trods fejlende testsager',
    none: '–',
    noVersions: 'Der er ingen versioner endnu.',
  },
  statuses: { draft: 'Kladde', published: 'Offentliggjort', retired: 'Trukket tilbage' },
  byAt: (name, when) => (name ? `${when} af ${name}` : when),
  tableTitle: (version, status) => `Fordelingstabel version ${version} (${status.toLowerCase()})`,
  toVersions: 'Alle versioner',
  facts: {
    status: 'Status',
    copiedFrom: 'Kopieret fra',
    created: 'Oprettet',
    updated: 'Senest ændret',
    published: 'Offentliggjort',
    reason: 'Begrundelse',
    retired: 'Trukket tilbage',
    note: 'Note',
    fallback: 'Standardafdeling',
  },
  forcedNote: 'Offentliggjort, selv om testsager fejlede.',
  readOnly: {
    published: 'Versionen er offentliggjort og kan ikke ændres. Kopiér den til en ny kladde for at ændre fordelingen.',
    retired: 'Versionen er trukket tilbage og kan ikke ændres. Kopiér den til en ny kladde for at bruge den igen.',
  },
  simulateLink: (version) => `Afprøv version ${version} på en henvendelse`,
  onThisPage: 'På siden',
  sections: { rules: 'Regler', add: 'Tilføj en regel', settings: 'Standardafdeling og note', warnings: 'Advarsler', diff: 'Ændringer', publish: 'Offentliggør' },
  done: {
    saved: 'Reglen er gemt.',
    added: 'Reglen er tilføjet sidst i tabellen.',
    deleted: 'Reglen er slettet.',
    moved: 'Reglen er flyttet.',
    settings: 'Standardafdelingen og noten er gemt.',
    copied: (from) => `Kladden er en kopi af version ${from}.`,
    published: (version) => `Version ${version} er offentliggjort og fordeler fra nu af alle nye henvendelser.`,
  },
  errorSummary: 'Der er fejl i formularen',
  stale: {
    title: 'Kladden er ændret, siden du hentede siden',
    body: 'Intet er gemt. Siden viser kladden, som den er nu, med det, du skrev. Se efter, og gem igen.',
  },
  notDraft: {
    title: 'Versionen kan ikke ændres',
    body: 'Offentliggjorte og tilbagetrukne versioner ændres aldrig. Kopiér versionen til en ny kladde for at ændre den.',
  },
  notFound: { title: 'Versionen findes ikke', body: 'Der er ingen version af fordelingstabellen med det nummer, eller ingen regel med det id.' },
  forbidden: { title: 'Du har ikke adgang til siden', body: 'Fordelingen er for koordinatorer og administratorer.' },
  toMyWork: 'Til Mit arbejde',
  rule: {
    heading: (position, name) => `${position}. ${name}`,
    id: (id) => `Id: ${id}`,
    name: 'Navn',
    topics: 'Emner',
    topicsHint: 'Reglen passer, når henvendelsen har et af de valgte emner. Intet valgt: emnet er ligegyldigt.',
    inactiveTopic: (name) => `${name} (bruges ikke længere)`,
    keywords: 'Nøgleord',
    keywordsHint: 'Ét pr. linje eller adskilt med komma. Reglen passer, når emnelinjen eller beskrivelsen indeholder et af ordene, også inde i længere ord. Tomt: ordene er ligegyldige.',
    employees: 'Antal ansatte',
    employeesHint: 'Hele tal, begge med. Tomt: ingen grænse. Er en grænse sat, passer en henvendelse uden antal ansatte ikke.',
    employeesMin: 'Mindst',
    employeesMax: 'Højst',
    postcodes: 'Postnumre',
    postcodesHint: 'Intervaller af postnumre, begge med. Udfyld kun »fra« for ét postnummer. Ingen intervaller: postnummeret er ligegyldigt.',
    postcodeFrom: (n) => `Interval ${n}, fra`,
    postcodeTo: (n) => `Interval ${n}, til`,
    socialEnterprise: 'Registreret socialøkonomisk virksomhed',
    socialEnterpriseOptions: { yes: 'Ja', no: 'Nej', any: 'Ligegyldigt' },
    department: 'Afdeling',
    chooseDepartment: 'Vælg en afdeling',
    role: 'Afdelingens rolle',
    roles: { lead: 'Ansvarlig', involve: 'Inddraget' },
    edit: 'Ret reglen',
    save: 'Gem reglen',
    saveNamed: (name) => `Gem reglen ${name}`,
    remove: 'Slet',
    removeNamed: (name) => `Slet reglen ${name}`,
    moveUp: 'Flyt op',
    moveUpNamed: (name) => `Flyt op: ${name}`,
    moveDown: 'Flyt ned',
    moveDownNamed: (name) => `Flyt ned: ${name}`,
    when: 'Når',
    then: 'Så',
    always: 'altid (ingen betingelser)',
    any: 'ligegyldigt',
    employeesRange: (min, max) => (min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `mindst ${min}` : `højst ${max ?? ''}`),
    yes: 'ja',
    no: 'nej',
  },
  figures: {
    label: 'Sådan er det gået',
    led: (led, days) => `${led} ${led === 1 ? 'sag' : 'sager'} de sidste ${days} dage`,
    transferred: (away, share) => `${away} overdraget væk (${share})`,
    none: (days) => `Ingen sager de sidste ${days} dage.`,
    overruled: 'Rettes ofte',
    note: (when) => `Tallene er fra statistikkens opgørelse ${when}: hvor mange sager reglen gjorde en afdeling ansvarlig for, og hvor mange afdelingen siden overdrog til en anden. En regel rettes ofte, når mindst to af dens sager og mindst en fjerdedel af dem er overdraget.`,
    noSnapshot: 'Statistikken er ikke opgjort endnu, så der er ingen tal for reglerne.',
  },
  add: { lead: 'Den nye regel kommer sidst i tabellen. Flyt den op bagefter, hvis den skal gælde før andre.', button: 'Tilføj reglen' },
  settings: {
    fallback: 'Standardafdeling',
    fallbackHint: 'Bliver ansvarlig, når ingen regel med rollen ansvarlig passer på henvendelsen.',
    note: 'Note',
    noteHint: 'Hvad versionen er til. Frivillig.',
    save: 'Gem standardafdeling og note',
  },
  warnings: {
    none: 'Analysen fandt intet at advare om.',
    lead: 'Tilladt, men næppe ment.',
    ruleLabel: 'Advarsel',
    unreachable: (earlier, department) => `Reglen vælger aldrig den ansvarlige afdeling: alle henvendelser, den passer på, fanges først af ${earlier}. Den inddrager kun ${department}.`,
    duplicate: (earlier) => `Reglen er magen til ${earlier} og ændrer intet.`,
    topicWithoutLead: (topic, fallback) => `Ingen regel kan gøre en afdeling ansvarlig for en henvendelse kun om ${topic}: standardafdelingen ${fallback} bliver ansvarlig.`,
    departmentNotRouted: (department) => `Ingen regel sender noget til ${department}; afdelingen får kun sager, der overdrages eller inddrages i hånden.`,
    ruleRef: (position, name) => `regel ${position} »${name}«`,
  },
  diff: {
    against: (version) => `Forskellen til den offentliggjorte version ${version}.`,
    none: 'Kladden fordeler som den offentliggjorte version: ingen ændringer.',
    noPublished: 'Ingen version er offentliggjort, så der er intet at sammenligne med.',
    fallback: (before, after) => `Standardafdelingen er ændret fra ${before} til ${after}.`,
    added: 'Tilføjet',
    removed: 'Fjernet',
    changed: 'Ændret',
    caption: 'Regler, der er tilføjet, fjernet eller ændret',
    ruleColumn: 'Regel',
    changeColumn: 'Ændring',
    moved: (from, to) => `flyttet fra plads ${from} til ${to}`,
    fields: {
      name: 'navn',
      'when.topics': 'emner',
      'when.keywords': 'nøgleord',
      'when.employees': 'antal ansatte',
      'when.postcodes': 'postnumre',
      'when.registeredSocialEnterprise': 'registreret socialøkonomisk virksomhed',
      'then.department': 'afdeling',
      'then.role': 'rolle',
    },
  },
  publish: {
    lead: (version) => `Alle testsager køres mod kladden først. Fejler en testsag, bliver kladden ikke offentliggjort, medmindre du vælger at offentliggøre alligevel og skriver hvorfor. Den offentliggjorte version trækkes tilbage, og version ${version} fordeler alle nye henvendelser.`,
    reason: 'Begrundelse',
    reasonHint: 'Gemmes i historikken. Skal udfyldes, når du offentliggør trods fejlende testsager.',
    force: 'Offentliggør, selv om testsager fejler',
    forceHint: 'Testsagerne fordeles så på en ny måde. Skriv hvorfor i begrundelsen.',
    button: (version) => `Offentliggør version ${version}`,
    refusedTitle: (failed) => `Kladden er ikke offentliggjort: ${failed} ${failed === 1 ? 'testsag fejler' : 'testsager fejler'}`,
    refusedBody: 'Testsagerne nedenfor fordeles anderledes end forventet. Ret kladden, ret testsagerne, eller offentliggør alligevel med en begrundelse.',
    seeFailures: 'Se testsagerne, der fejler',
    failuresCaption: 'Testsager, der fejler',
    goldenCase: 'Testsag',
    expected: 'Forventet',
    actual: 'Med kladden',
    routingText: (lead, involved) => `${lead} ansvarlig; inddraget: ${involved}`,
    noInvolved: 'ingen',
    invalid: 'Kladden henviser til emner eller afdelinger, der ikke findes længere, eller har ugyldige regler. Ret reglerne først.',
  },
  problems: {
    required: 'Skal udfyldes',
    tooLong: (max) => `Højst ${max} tegn`,
    keywordTooLong: (keyword, max) => `Nøgleordet »${keyword}« er for langt: højst ${max} tegn`,
    tooMany: (max) => `Højst ${max}`,
    notWholeNumber: (value) => `»${value}« er ikke et helt tal`,
    choose: 'Vælg en af mulighederne',
    unknownTopic: (code) => `Emnet ${code} findes ikke længere; fravælg det`,
    unknownDepartment: (code) => `Afdelingen ${code} findes ikke; vælg en anden`,
    postcodeInvalid: (value) => `»${value}« er ikke et postnummer (4 cifre)`,
    postcodeInverted: (from, to) => `Intervallet begynder (${from}) efter det slutter (${to})`,
    employeesInverted: (min, max) => `Mindst (${min}) er større end højst (${max})`,
    invalid: 'Feltet er ikke udfyldt rigtigt',
    reasonRequired: 'Skriv hvorfor, når du offentliggør trods fejlende testsager',
  },
};


const enRoutingEditor: RoutingEditorTexts = {
  title: 'Routing',
  lead: 'The routing table decides which department leads an inquiry and which are involved. Change a draft, compare it with the published table, and publish it once the golden cases route as expected.',
  goldenCasesLink: 'Golden cases',
  versions: {
    title: 'Versions',
    caption: 'The routing table’s versions, newest first',
    version: 'Version',
    status: 'Status',
    rules: 'Rules',
    note: 'Note',
    created: 'Created',
    published: 'Published',
    reason: 'Reason',
    actions: 'Actions',
    open: (version) => `Version ${version}`,
    copy: 'Copy to a new draft',
    copyNamed: (version) => `Copy version ${version} to a new draft`,
    forced: 'Published although golden cases failed',
    none: '–',
    noVersions: 'There are no versions yet.',
  },
  statuses: { draft: 'Draft', published: 'Published', retired: 'Retired' },
  byAt: (name, when) => (name ? `${when} by ${name}` : when),
  tableTitle: (version, status) => `Routing table version ${version} (${status.toLowerCase()})`,
  toVersions: 'All versions',
  facts: {
    status: 'Status',
    copiedFrom: 'Copied from',
    created: 'Created',
    updated: 'Last changed',
    published: 'Published',
    reason: 'Reason',
    retired: 'Retired',
    note: 'Note',
    fallback: 'Fallback department',
  },
  forcedNote: 'Published although golden cases failed.',
  readOnly: {
    published: 'This version is published and cannot change. Copy it to a new draft to change the routing.',
    retired: 'This version is retired and cannot change. Copy it to a new draft to use it again.',
  },
  simulateLink: (version) => `Try version ${version} on an inquiry`,
  onThisPage: 'On this page',
  sections: { rules: 'Rules', add: 'Add a rule', settings: 'Fallback department and note', warnings: 'Warnings', diff: 'Changes', publish: 'Publish' },
  done: {
    saved: 'The rule is saved.',
    added: 'The rule is added at the end of the table.',
    deleted: 'The rule is deleted.',
    moved: 'The rule is moved.',
    settings: 'The fallback department and the note are saved.',
    copied: (from) => `This draft is a copy of version ${from}.`,
    published: (version) => `Version ${version} is published and routes every new inquiry from now on.`,
  },
  errorSummary: 'There is a problem with the form',
  stale: {
    title: 'The draft has changed since you opened the page',
    body: 'Nothing was saved. The page shows the draft as it is now, with what you typed. Check it and save again.',
  },
  notDraft: {
    title: 'This version cannot change',
    body: 'Published and retired versions never change. Copy the version to a new draft to change it.',
  },
  notFound: { title: 'Version not found', body: 'There is no routing table version with that number, or no rule with that id.' },
  forbidden: { title: 'You do not have access to this page', body: 'Routing is for coordinators and administrators.' },
  toMyWork: 'Go to my work',
  rule: {
    heading: (position, name) => `${position}. ${name}`,
    id: (id) => `Id: ${id}`,
    name: 'Name',
    topics: 'Topics',
    topicsHint: 'The rule matches when the inquiry has any of the chosen topics. None chosen: the topic does not matter.',
    inactiveTopic: (name) => `${name} (no longer used)`,
    keywords: 'Keywords',
    keywordsHint: 'One per line or separated by commas. The rule matches when the subject or description contains any of them, also inside longer words. Empty: words do not matter.',
    employees: 'Number of employees',
    employeesHint: 'Whole numbers, both included. Empty: no limit. With a limit, an inquiry without a number of employees does not match.',
    employeesMin: 'At least',
    employeesMax: 'At most',
    postcodes: 'Postcodes',
    postcodesHint: 'Ranges of postcodes, both ends included. Fill in only “from” for one postcode. No ranges: the postcode does not matter.',
    postcodeFrom: (n) => `Range ${n}, from`,
    postcodeTo: (n) => `Range ${n}, to`,
    socialEnterprise: 'Registered social enterprise',
    socialEnterpriseOptions: { yes: 'Yes', no: 'No', any: 'Does not matter' },
    department: 'Department',
    chooseDepartment: 'Choose a department',
    role: 'The department’s role',
    roles: { lead: 'Lead', involve: 'Involved' },
    edit: 'Edit the rule',
    save: 'Save the rule',
    saveNamed: (name) => `Save the rule ${name}`,
    remove: 'Delete',
    removeNamed: (name) => `Delete the rule ${name}`,
    moveUp: 'Move up',
    moveUpNamed: (name) => `Move up: ${name}`,
    moveDown: 'Move down',
    moveDownNamed: (name) => `Move down: ${name}`,
    when: 'When',
    then: 'Then',
    always: 'always (no conditions)',
    any: 'does not matter',
    employeesRange: (min, max) => (min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `at least ${min}` : `at most ${max ?? ''}`),
    yes: 'yes',
    no: 'no',
  },
  figures: {
    label: 'How it went',
    led: (led, days) => `${led} ${led === 1 ? 'case' : 'cases'} in the last ${days} days`,
    transferred: (away, share) => `${away} transferred away (${share})`,
    none: (days) => `No cases in the last ${days} days.`,
    overruled: 'Often overruled',
    note: (when) => `The figures are from the statistics snapshot of ${when}: how many cases the rule made a department lead, and how many that department handed to another since. A rule is often overruled when at least two of its cases, and at least a quarter of them, were transferred away.`,
    noSnapshot: 'The statistics have not been computed yet, so there are no figures for the rules.',
  },
  add: { lead: 'The new rule goes at the end of the table. Move it up afterwards if it is to apply before others.', button: 'Add the rule' },
  settings: {
    fallback: 'Fallback department',
    fallbackHint: 'Leads when no rule with the role lead matches the inquiry.',
    note: 'Note',
    noteHint: 'What this version is for. Optional.',
    save: 'Save fallback department and note',
  },
  warnings: {
    none: 'The analysis found nothing to warn about.',
    lead: 'Allowed, but probably not meant.',
    ruleLabel: 'Warning',
    unreachable: (earlier, department) => `This rule never chooses the lead: every inquiry it matches is matched first by ${earlier}. It only ever involves ${department}.`,
    duplicate: (earlier) => `This rule is identical to ${earlier} and changes nothing.`,
    topicWithoutLead: (topic, fallback) => `No rule can make a department lead an inquiry about only ${topic}: the fallback department ${fallback} will lead it.`,
    departmentNotRouted: (department) => `No rule routes anything to ${department}; it only gets cases that are transferred or involved by hand.`,
    ruleRef: (position, name) => `rule ${position} “${name}”`,
  },
  diff: {
    against: (version) => `How this draft differs from the published version ${version}.`,
    none: 'This draft routes as the published version: no changes.',
    noPublished: 'No version is published, so there is nothing to compare with.',
    fallback: (before, after) => `The fallback department changed from ${before} to ${after}.`,
    added: 'Added',
    removed: 'Removed',
    changed: 'Changed',
    caption: 'Rules added, removed or changed',
    ruleColumn: 'Rule',
    changeColumn: 'Change',
    moved: (from, to) => `moved from place ${from} to ${to}`,
    fields: {
      name: 'name',
      'when.topics': 'topics',
      'when.keywords': 'keywords',
      'when.employees': 'number of employees',
      'when.postcodes': 'postcodes',
      'when.registeredSocialEnterprise': 'registered social enterprise',
      'then.department': 'department',
      'then.role': 'role',
    },
  },
  publish: {
    lead: (version) => `Every golden case is run against the draft first. If one fails, the draft is not published, unless you choose to publish anyway and say why. The published version is retired, and version ${version} routes every new inquiry.`,
    reason: 'Reason',
    reasonHint: 'Kept in the history. Required when you publish although golden cases fail.',
    force: 'Publish even though golden cases fail',
    forceHint: 'Those golden cases will then be routed differently. Say why in the reason.',
    button: (version) => `Publish version ${version}`,
    refusedTitle: (failed) => `The draft was not published: ${failed} golden ${failed === 1 ? 'case fails' : 'cases fail'}`,
    refusedBody: 'The golden cases below are routed differently than expected. Fix the draft, fix the golden cases, or publish anyway with a reason.',
    seeFailures: 'See the golden cases that fail',
    failuresCaption: 'Golden cases that fail',
    goldenCase: 'Golden case',
    expected: 'Expected',
    actual: 'With this draft',
    routingText: (lead, involved) => `${lead} leads; involved: ${involved}`,
    noInvolved: 'none',
    invalid: 'The draft refers to topics or departments that no longer exist, or has invalid rules. Fix the rules first.',
  },
  problems: {
    required: 'Required',
    tooLong: (max) => `At most ${max} characters`,
    keywordTooLong: (keyword, max) => `The keyword “${keyword}” is too long: at most ${max} characters`,
    tooMany: (max) => `At most ${max}`,
    notWholeNumber: (value) => `“${value}” is not a whole number`,
    choose: 'Choose one of the options',
    unknownTopic: (code) => `The topic ${code} no longer exists; untick it`,
    unknownDepartment: (code) => `The department ${code} does not exist; choose another`,
    postcodeInvalid: (value) => `“${value}” is not a postcode (4 digits)`,
    postcodeInverted: (from, to) => `The range starts (${from}) after it ends (${to})`,
    employeesInverted: (min, max) => `At least (${min}) is more than at most (${max})`,
    invalid: 'This field is not filled in correctly',
    reasonRequired: 'Say why when you publish although golden cases fail',
  },
};

const da: Messages = {
  lang: 'da',
  locale: 'da-DK',
  serviceName: 'Én indgang for socialøkonomiske virksomheder',
  otherLanguage: { lang: 'en', name: 'English' },
  skipLink: 'Gå til sidens indhold',
  optional: '(frivilligt)',
  errorPrefix: 'Fejl:',
  footer: { accessibility: 'Tilgængelighedserklæring', apiDocs: 'API-dokumentation for it-systemer' },
  form: {
    title: 'Skriv til kommunen',
    metaDescription: 'Én indgang til kommunen for socialøkonomiske virksomheder: skriv om ansættelse, forretningsudvikling, lokaler eller sociale forløb, og få én kontaktafdeling og en dato for svar.',
    lead:
      'Driver du en socialøkonomisk virksomhed og har brug for kommunen? Skriv til os her. Vi sender din henvendelse til de rette afdelinger, og du får én afdeling som din kontakt.',
    requiredNote: 'Alle felter skal udfyldes, medmindre der står (frivilligt).',
    sections: { enterprise: 'Om virksomheden', contact: 'Kontaktperson', inquiry: 'Din henvendelse', consent: 'Dine oplysninger' },
    yes: 'Ja',
    no: 'Nej',
    dontKnow: 'Ved ikke',
    characterLimit: (n) => `Du kan skrive op til ${n} tegn`,
    characterCounter: {
      character_remaining: 'Du har {value} tegn tilbage',
      characters_remaining: 'Du har {value} tegn tilbage',
      character_too_many: 'Du har {value} tegn for meget',
      characters_too_many: 'Du har {value} tegn for meget',
    },
    consentText:
      'Vi bruger oplysningerne til at behandle din henvendelse og til at kontakte dig om den. Kun de medarbejdere i kommunen, der arbejder med din sag, kan se dem. Vi sletter oplysningerne efter en fast frist, når sagen er afsluttet.',
    consentLabel: 'Jeg giver samtykke til, at kommunen bruger oplysningerne på den måde',
    submit: 'Send henvendelse',
    errorSummary: 'Der er problemer med din henvendelse',
    alreadySent: {
      title: 'Formularen er allerede sendt',
      body: 'Du har allerede sendt en henvendelse fra denne side. Vil du sende en ny henvendelse med oplysningerne herunder, så tryk på Send henvendelse igen.',
    },
    stillProcessing: {
      title: 'Vi er ved at modtage din henvendelse',
      body: 'Vent et øjeblik, og tryk så på Send henvendelse igen. Du får ikke to sager.',
    },
  },
  fields: {
    'enterprise.cvr': {
      label: 'CVR-nummer',
      hint: '8 cifre, fx 12345678',
      required: 'Skriv virksomhedens CVR-nummer',
      invalid: 'Skriv et gyldigt CVR-nummer på 8 cifre. Tjek, at du har skrevet det rigtigt',
    },
    'enterprise.name': {
      label: 'Virksomhedens navn',
      required: 'Skriv virksomhedens navn',
      tooLong: (n) => `Virksomhedens navn må højst være ${n} tegn`,
      invalid: 'Virksomhedens navn må ikke indeholde linjeskift eller usynlige tegn',
    },
    'enterprise.postcode': {
      label: 'Postnummer',
      invalid: 'Skriv postnummeret med 4 cifre, fx 6000',
    },
    'enterprise.employees': {
      label: 'Antal medarbejdere',
      hint: 'Et omtrentligt tal er fint.',
      invalid: 'Skriv antallet af medarbejdere som et helt tal, fx 12',
    },
    'enterprise.registeredSocialEnterprise': {
      label: 'Er virksomheden registreret som socialøkonomisk virksomhed (RSV)?',
      invalid: 'Vælg ja, nej eller ved ikke',
    },
    'contact.name': {
      label: 'Navn',
      required: 'Skriv kontaktpersonens navn',
      tooLong: (n) => `Navnet må højst være ${n} tegn`,
      invalid: 'Navnet må ikke indeholde linjeskift eller usynlige tegn',
    },
    'contact.email': {
      label: 'E-mail',
      hint: 'Vi svarer på denne adresse.',
      required: 'Skriv en e-mailadresse',
      invalid: 'Skriv en gyldig e-mailadresse, fx navn@virksomhed.dk',
    },
    'contact.phone': {
      label: 'Telefonnummer',
      invalid: 'Skriv et gyldigt telefonnummer, fx 12 34 56 78',
    },
    topics: {
      label: 'Hvad drejer din henvendelse sig om?',
      hint: 'Vælg et eller flere emner, højst 5.',
      required: 'Vælg mindst ét emne',
      tooMany: (n) => `Vælg højst ${n} emner`,
      unknown: 'Et af de valgte emner findes ikke længere. Vælg emnerne igen',
      invalid: 'Vælg emnerne igen',
    },
    subject: {
      label: 'Emne',
      hint: 'En kort overskrift, fx "To nye medarbejdere i løntilskud".',
      required: 'Skriv et emne',
      tooShort: (n) => `Emnet skal være mindst ${n} tegn`,
      tooLong: (n) => `Emnet må højst være ${n} tegn`,
      invalid: 'Emnet må ikke indeholde linjeskift eller usynlige tegn',
    },
    description: {
      label: 'Beskriv din henvendelse',
      hint: 'Fortæl, hvad I har brug for hjælp til, og hvad I allerede har gjort.',
      required: 'Beskriv din henvendelse',
      tooShort: (n) => `Beskrivelsen skal være mindst ${n} tegn`,
      tooLong: (n) => `Beskrivelsen må højst være ${n} tegn`,
      invalid: 'Beskrivelsen må ikke indeholde usynlige tegn',
    },
    consent: {
      label: 'Samtykke',
      invalid: 'Du skal give samtykke, før vi kan behandle din henvendelse',
    },
  },
  receipt: {
    title: 'Vi har modtaget din henvendelse',
    referenceTitle: (reference) => `Dit sagsnummer er ${reference}`,
    referenceText: 'Skriv det, hvis du kontakter os om sagen.',
    contact: (department, date) => html`<strong>${department}</strong> er din kontakt i kommunen og svarer dig senest <strong>${date}</strong>.`,
    trackTitle: 'Følg din sag',
    trackText: 'Gem linket herunder. Med det kan du se, hvor langt din sag er, og læse beskeder fra kommunen. Del det ikke med andre, for alle med linket kan se sagens status.',
    trackLink: (reference) => `Se status for sag ${reference}`,
    newInquiry: 'Send en ny henvendelse',
  },
  status: {
    title: (reference) => `Status for sag ${reference}`,
    labels: { received: 'Modtaget', in_progress: 'Under behandling', waiting_for_you: 'Afventer svar fra dig', resolved: 'Afsluttet' },
    explanations: {
      received: 'Vi har modtaget din henvendelse. En medarbejder går i gang med den snart.',
      in_progress: 'En medarbejder arbejder på din sag.',
      waiting_for_you: 'Vi venter på svar fra dig. Læs beskederne herunder.',
      resolved: 'Sagen er afsluttet.',
    },
    notesTitle: 'Beskeder fra kommunen',
    noNotes: 'Der er ingen beskeder endnu.',
  },
  facts: { reference: 'Sagsnummer', subject: 'Emne', received: 'Modtaget', contact: 'Din kontakt', answerBy: 'Svar senest', status: 'Status' },
  notFound: {
    title: 'Siden blev ikke fundet',
    body: 'Vi kan ikke finde en sag med det sagsnummer og link. Tjek, at du har brugt hele linket fra kvitteringen.',
  },
  errors: {
    badRequest: { title: 'Der er noget galt med adressen', body: 'Tjek adressen, eller start forfra på forsiden.' },
    tooLarge: { title: 'Din henvendelse er for lang', body: 'Gør beskrivelsen kortere, og prøv igen.' },
    tooManyRequests: { title: 'Du har sendt for mange henvendelser', body: 'Vent et minut, og prøv så igen.' },
    unavailable: { title: 'Tjenesten er midlertidigt utilgængelig', body: 'Prøv igen om lidt. Din henvendelse er ikke sendt.' },
    internal: { title: 'Der skete en fejl hos os', body: 'Prøv igen senere. Bliver fejlen ved, så oplys fejlkoden herunder, når du kontakter kommunen.' },
    requestId: 'Fejlkode',
    frontPage: 'Gå til forsiden',
  },
  staff: {
    solutionName: 'Sagsbehandling – én indgang',
    signedInAs: (name) => `Logget ind som ${name}`,
    signOut: 'Log ud',
    signIn: {
      title: 'Log ind',
      lead: 'Medarbejdere i kommunen logger ind her for at arbejde med sager fra socialøkonomiske virksomheder.',
      howToGetLink: 'Der er ikke sat et login med kommunens identitetsudbyder op. Bed en administrator om et login-link: det virker én gang og i 15 minutter.',
      adminHint: 'Administratorer laver et link på siden Administration (/staff/admin), med POST /v1/users/{id}/sign-in-links eller på kommandolinjen med npm run cli -- sign-in-link --email <e-mail>.',
      signedOut: { title: 'Du er logget ud', body: 'Du kan logge ind igen herunder.' },
      expired: { title: 'Du er blevet logget ud', body: 'Du har ikke brugt siden et stykke tid, eller du har været logget ind længe. Log ind igen.' },
      oidcButton: 'Log ind med kommunens login',
      oidcLead: 'Du logger ind med det samme login, som du bruger til kommunens andre systemer.',
      linkAlternative: 'Har du fået et login-link af en administrator, så åbn det i stedet.',
      confirm: {
        title: 'Log ind med link',
        lead: (name) => `Linket logger dig ind som ${name}. Det virker én gang.`,
        button: (name) => `Log ind som ${name}`,
        notYou: 'Er det ikke dig, så luk siden uden at logge ind.',
      },
      failed: { title: 'Login kunne ikke gennemføres', body: 'Login skal gennemføres i den samme browser og inden for 15 minutter, og det samme svar kan kun bruges én gang. Start forfra fra login-siden.' },
      rejected: { title: 'Login kunne ikke bekræftes', body: 'Svaret fra kommunens login kunne ikke godkendes. Prøv igen. Bliver det ved, så kontakt it-afdelingen.' },
      unavailable: { title: 'Kommunens login svarer ikke lige nu', body: 'Prøv igen om lidt. Haster det, så bed en administrator om et login-link.' },
      unknownUser: { title: 'Du har ikke adgang endnu', body: 'Der er ingen bruger med din e-mailadresse i løsningen. En administrator skal oprette dig, før du kan logge ind.' },
      unverifiedEmail: { title: 'Din e-mailadresse er ikke bekræftet', body: 'Kommunens login har ikke bekræftet din e-mailadresse, så vi kan ikke se, hvem du er. Kontakt it-afdelingen.' },
      inactive: { title: 'Din konto er ikke aktiv', body: 'Kontakt en administrator, hvis du skal have adgang igen.' },
    },
    link: {
      used: { title: 'Linket er allerede brugt', body: 'Et login-link virker kun én gang. Bed en administrator om et nyt.' },
      expired: { title: 'Linket er udløbet', body: 'Et login-link virker i 15 minutter. Bed en administrator om et nyt.' },
      unknown: { title: 'Linket virker ikke', body: 'Tjek at du har kopieret hele linket, eller bed en administrator om et nyt.' },
      inactive: { title: 'Din konto er ikke aktiv', body: 'Kontakt en administrator, hvis du skal have adgang igen.' },
    },
    forbidden: { title: 'Du har ikke adgang til siden', body: 'Siderne er for sagsbehandlere, koordinatorer og administratorer.' },
    staleForm: { title: 'Formularen kunne ikke sendes', body: 'Siden var for gammel eller kom ikke fra denne tjeneste. Gå tilbage, hent siden igen og prøv en gang til.' },
    toSignIn: 'Gå til log ind',
    navigation: { label: 'Sagsbehandling', work: 'Mit arbejde', cases: 'Sager', statistics: 'Statistik', routing: 'Fordeling', admin: 'Administration' },
    caseList: {
      title: 'Sager',
      lead: 'Find sager efter afdeling, status, sagsbehandler, emne eller frist, eller søg på sagsnummer, virksomhed og CVR-nummer.',
      filtersLegend: 'Filtrér sagerne',
      filtersHint: 'Afdeling, status, sagsbehandler og over fristen gælder den samme opgave på sagen: afdeling Jobcenter og status I kø er Jobcentrets kø.',
      fields: {
        q: {
          label: 'Søg',
          hint: 'Sagsnummer, virksomhedens navn eller CVR-nummer',
          invalid: 'Søgningen må ikke indeholde usynlige tegn',
          tooLong: (n) => `Søgningen må højst være ${n} tegn`,
        },
        department: { label: 'Afdeling', invalid: 'Vælg en afdeling på listen', unknown: 'Afdelingen findes ikke. Vælg en afdeling på listen' },
        status: { label: 'Opgavens status', invalid: 'Vælg en status på listen' },
        assignee: { label: 'Sagsbehandler', invalid: 'Vælg en sagsbehandler på listen' },
        overdue: { label: 'Over fristen', invalid: 'Vælg ja, nej eller alle' },
        caseStatus: { label: 'Sagens status', hint: 'Den status, virksomheden ser', invalid: 'Vælg en status på listen' },
        topic: { label: 'Emne', invalid: 'Vælg et emne på listen', unknown: 'Emnet findes ikke. Vælg et emne på listen' },
        sort: { label: 'Sortering', invalid: 'Vælg en sortering på listen' },
        limit: { label: 'Sager pr. side', invalid: 'Vælg 25, 50 eller 100 sager pr. side' },
      },
      any: 'Alle',
      assignee: { me: 'Mig', none: 'Ingen endnu', colleagues: 'Kolleger', someone: (id) => `Sagsbehandler ${id}` },
      overdue: { yes: 'Ja', no: 'Nej' },
      sort: { due: 'Frist, ældste først', newest: 'Nyeste først' },
      apply: 'Vis sager',
      clear: 'Nulstil filtre',
      errorSummary: 'Der er problemer med filtrene',
      staleCursor: 'Linket til næste side passer ikke til filtrene. Start forfra på første side.',
      resultsTitle: 'Resultat',
      caption: (page) => `Sager, side ${page}`,
      noCases: 'Ingen sager passer på filtrene.',
      columns: { reference: 'Sagsnummer', subject: 'Emne', enterprise: 'Virksomhed', lead: 'Ansvarlig afdeling', status: 'Status', due: 'Frist' },
      overdueMark: '(over fristen)',
      caseStatuses: { received: 'Modtaget', in_progress: 'Under behandling', waiting_for_you: 'Venter på virksomheden', resolved: 'Afsluttet' },
      assignmentStatuses: { queued: 'I kø', in_progress: 'I gang', waiting: 'Venter på virksomheden', done: 'Færdig', transferred: 'Overdraget' },
      pages: { label: 'Sider', page: (n) => `Side ${n}`, next: 'Næste side', first: 'Første side', lastPage: 'Det er sidste side.' },
    },
    casePage: daCasePage,
    routingInquiry: daRoutingInquiry,
    routingSimulate: daRoutingSimulate,
    goldenCases: daGoldenCases,
    routing: daRoutingEditor,
    admin: {
      title: 'Administration',
      lead: 'Brugere, deres roller og afdelinger, API-nøgler og login-links.',
      usersTitle: 'Brugere',
      usersCaption: 'Brugere i løsningen, ældste først',
      name: 'Navn',
      email: 'E-mail',
      role: 'Rolle',
      departments: 'Afdelinger',
      active: 'Aktiv',
      lastTokenUse: 'Nøgle sidst brugt',
      yes: 'Ja',
      no: 'Nej',
      never: 'Aldrig',
      none: 'Ingen',
      nextPage: 'Næste side',
      roles: { caseworker: 'Sagsbehandler', coordinator: 'Koordinator', admin: 'Administrator', integrator: 'Integration' },
      create: { title: 'Opret bruger', departmentsHint: 'Kun sagsbehandlere hører til afdelinger, og mindst én.', button: 'Opret bruger' },
      toList: 'Til alle brugere',
      userTitle: (name) => `Bruger: ${name}`,
      access: { title: 'Rolle og afdelinger', button: 'Gem rolle og afdelinger' },
      activation: {
        title: 'Adgang',
        activeText: 'Brugeren er aktiv.',
        inactiveText: 'Brugeren er deaktiveret: hverken login eller API-nøgler virker.',
        deactivate: 'Deaktivér bruger',
        reactivate: 'Genaktivér bruger',
      },
      tokens: {
        title: 'API-nøgler',
        caption: 'Brugerens API-nøgler',
        tokenName: 'Nøglens navn',
        created: 'Oprettet',
        lastUsed: 'Sidst brugt',
        expires: 'Udløber',
        status: 'Status',
        usable: 'Virker',
        revoked: 'Tilbagekaldt',
        expired: 'Udløbet',
        revoke: 'Tilbagekald',
        revokeNamed: (name) => `Tilbagekald nøglen ${name}`,
        noTokens: 'Brugeren har ingen API-nøgler.',
        createTitle: 'Ny API-nøgle',
        nameHint: 'Hvad nøglen skal bruges til, fx "bærbar" eller "partnerportal".',
        expiryLabel: 'Udløbsdato (valgfri)',
        expiryHint: 'Nøglen virker til og med denne dag (dansk tid). Uden dato udløber den ikke. Skriv fx 2027-12-31.',
        createButton: 'Opret API-nøgle',
        createdTitle: 'API-nøglen er oprettet',
        createdBody: 'Kopiér nøglen nu. Den vises kun denne ene gang; løsningen gemmer den ikke.',
      },
      signInLink: {
        title: 'Login-link',
        lead: 'Et link, der logger brugeren ind på medarbejdersiderne én gang, inden for 15 minutter. Giv det videre, som du ville give en adgangskode.',
        button: 'Lav login-link',
        createdTitle: 'Login-linket er lavet',
        createdBody: (expires) => `Linket vises kun denne ene gang. Det virker én gang, indtil ${expires}.`,
      },
      back: (name) => `Tilbage til ${name}`,
      done: {
        created: 'Brugeren er oprettet.',
        profile: 'Navn og e-mail er gemt.',
        access: 'Rolle og afdelinger er gemt.',
        deactivated: 'Brugeren er deaktiveret. Login og API-nøgler virker ikke længere.',
        reactivated: 'Brugeren er aktiv igen.',
        revoked: 'API-nøglen er tilbagekaldt og virker ikke længere.',
      },
      errors: {
        summary: 'Ret disse fejl',
        nameRequired: 'Skriv et navn',
        invalidText: 'Må ikke indeholde linjeskift eller kontroltegn',
        tooLong: (max) => `Højst ${max} tegn`,
        invalidEmail: 'Skriv en gyldig e-mailadresse, fx navn@kommune.dk',
        emailInUse: 'Der er allerede en bruger med denne e-mailadresse',
        chooseRole: 'Vælg en rolle',
        needDepartment: 'En sagsbehandler skal høre til mindst én afdeling',
        onlyCaseworkers: 'Kun sagsbehandlere hører til afdelinger',
        unknownDepartment: 'Vælg blandt de afdelinger, der findes',
        invalidExpiry: 'Skriv datoen som år-måned-dag, fx 2027-12-31',
        pastExpiry: 'Udløbsdatoen er overskredet; vælg i dag eller en senere dag',
        lastAdmin: { title: 'Det kunne ikke lade sig gøre', body: 'Brugeren er den sidste aktive administrator. Gør en anden bruger til administrator først.' },
        inactive: { title: 'Brugeren er deaktiveret', body: 'Genaktivér brugeren først.' },
        notFound: { title: 'Brugeren findes ikke', body: 'Der er ingen bruger med denne adresse.' },
      },
      ...daAdminSections,
    },
    work: {
      title: 'Mit arbejde',
      lead: 'Køerne i dine afdelinger og de sager, du arbejder på.',
      departmentsTitle: 'Afdelinger',
      caption: 'Opgaver pr. afdeling',
      department: 'Afdeling',
      queued: 'I kø',
      inProgress: 'I gang',
      waiting: 'Venter',
      overdue: 'Over fristen',
      actions: 'Handling',
      takeNext: 'Tag næste sag',
      takeNextIn: (department) => `Tag næste sag i ${department}`,
      claimOnlyMembers: 'Sager tages fra køen af afdelingens sagsbehandlere.',
      noDepartments: 'Du er ikke medlem af nogen afdeling.',
      queueEmpty: (department) => ({ title: 'Køen er tom', body: `Der er ingen sager i kø i ${department}.` }),
      claimed: (reference) => ({ title: `Du har taget sag ${reference}`, body: 'Sagen står nu under dine sager nedenfor.' }),
      assignmentsTitle: 'Mine sager',
      assignmentsCaption: 'Mine åbne opgaver, ældste frist først',
      noAssignments: 'Du har ingen åbne sager.',
      reference: 'Sagsnummer',
      subject: 'Emne',
      enterprise: 'Virksomhed',
      status: 'Status',
      due: 'Frist',
      overdueMark: '(over fristen)',
      // `queued` here is an assignment the department's policy gave you, not started yet.
      statuses: { queued: 'Givet til dig, ikke startet', in_progress: 'I gang', waiting: 'Venter på virksomheden' },
    },
    mail: {
      title: 'Mail om nye opgaver',
      legend: 'Hvornår vil du have en mail om nye opgaver i dine afdelinger?',
      hint: 'Har du opgaver over fristen, får du under alle omstændigheder en påmindelse hver arbejdsdag om morgenen.',
      options: {
        immediately: 'Med det samme: én mail for hver ny opgave',
        daily: 'Én gang om dagen: en oversigt hver arbejdsdag om morgenen over de nye opgaver, der stadig venter',
        off: 'Aldrig',
      },
      save: 'Gem valg',
      saved: { title: 'Dit valg er gemt', body: 'Det gælder fra den næste nye opgave.' },
      invalid: 'Vælg en af mulighederne',
    },
    statistics: {
      title: 'Statistik',
      lead: 'Hvor mange henvendelser der kommer og bliver afsluttet, hvor hurtigt virksomhederne får første svar, og hvilke routingregler sagsbehandlerne oftest retter. Dage er danske arbejdsdage.',
      generatedAt: (when) => `Tallene er fra opgørelsen ${when}.`,
      noSnapshot: 'Der er endnu ikke lavet en opgørelse, så der er ingen tal at vise.',
      noFigures: 'Der er ingen henvendelser i perioden.',
      form: {
        legend: 'Vælg periode og opdeling',
        from: 'Fra og med',
        to: 'Til og med',
        dateHint: 'Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-01-31.',
        groupBy: 'Opdel efter',
        groupByOptions: { department: 'Ansvarlig afdeling', topic: 'Emne', month: 'Måned' },
        submit: 'Vis tal',
        errorSummary: 'Der er en fejl i formularen',
        errors: {
          invalidDate: 'Skriv en gyldig dato som ÅÅÅÅ-MM-DD',
          fromAfterTo: 'Fra-datoen må ikke ligge efter til-datoen',
          tooLong: 'Perioden må højst være fem år',
          unknownGroupBy: 'Vælg afdeling, emne eller måned',
        },
      },
      volume: { title: 'Modtaget og afsluttet', receivedChart: 'Modtagne henvendelser', resolvedChart: 'Afsluttede sager', caption: 'Modtagne og afsluttede sager' },
      answer: { title: 'Arbejdsdage til første svar', medianChart: 'Arbejdsdage til første svar (median)', p90Chart: 'Arbejdsdage til første svar (90 %-fraktil)', caption: 'Arbejdsdage til første svar' },
      target: { title: 'Svar inden for fristen', chart: 'Andel med første svar inden for fristen', caption: 'Andel med første svar inden for fristen' },
      chartDescription: (chart) => `Søjlediagram: ${chart}. Tallene står i tabellen under diagrammet.`,
      received: 'Modtaget',
      resolved: 'Afsluttet',
      median: 'Median',
      p90: '90 %-fraktil',
      withinTarget: 'Inden for fristen',
      none: '–',
      noneLabel: 'Ingen tal',
      routing: {
        title: 'Routingreglerne i praksis',
        lead: 'For hver regel: hvor mange sager den gav til en afdeling, og hvor mange afdelingen siden overdrog til en anden. Regler, der ofte bliver rettet, er markeret.',
        caption: 'Sager pr. routingregel og overdragelser væk fra den valgte afdeling',
        rule: 'Regel',
        fallback: 'Ingen regel (standardafdelingen)',
        department: 'Valgt afdeling',
        led: 'Sager',
        transferredAway: 'Overdraget væk',
        transferredTo: 'Overdraget til',
        overruled: 'Rettes ofte',
        overruledNote: 'En regel rettes ofte, når mindst to af dens sager og mindst en fjerdedel af dem er overdraget til en anden afdeling.',
        noRules: 'Ingen sager i perioden er routet.',
      },
      downloads: { title: 'Hent tallene', figures: 'Tallene som CSV', routing: 'Routingreglerne som CSV' },
      refresh: {
        title: 'Opdater opgørelsen',
        lead: 'Opgørelsen laves hver nat. Du kan lave den nu, hvis du skal bruge de nyeste tal.',
        button: 'Opdater opgørelsen nu',
        done: { title: 'Opgørelsen er opdateret', body: 'Tallene herunder er de nyeste.' },
      },
      forbidden: { title: 'Du har ikke adgang til siden', body: 'Statistikken er for koordinatorer og administratorer.' },
      toMyWork: 'Til Mit arbejde',
      percent: (share) => `${Math.round(share * 100)} %`,
      days: (days) => `${String(days).replace('.', ',')}`,
    },
  },
  transparency: {
    title: 'Sådan svarer kommunen socialøkonomiske virksomheder',
    lead: 'Hvor mange henvendelser kommunen får fra socialøkonomiske virksomheder, hvor mange der bliver afsluttet, og hvor hurtigt virksomhederne får svar. Tallene opdateres hver nat.',
    generatedAt: (when) => `Tallene er opgjort ${when}.`,
    noFigures: 'Der er endnu ingen tal at vise.',
    noPublicTopics: 'Kommunen har endnu ikke valgt emner, der vises tal for.',
    receivedChart: {
      title: 'Modtagne henvendelser pr. måned',
      description: (from, to) => `Søjlediagram over modtagne henvendelser pr. måned fra ${from} til ${to}. Tallene står i tabellen herunder.`,
    },
    answerChart: {
      title: 'Arbejdsdage til første svar (median) pr. måned',
      description: (from, to) => `Søjlediagram over medianen af arbejdsdage til første svar pr. måned fra ${from} til ${to}. Tallene står i tabellen herunder.`,
    },
    tableTitle: 'Tal pr. emne',
    tableCaption: (topic) => `${topic}: tal pr. måned`,
    totalTopic: 'Alle viste emner',
    month: 'Måned',
    received: 'Modtaget',
    resolved: 'Afsluttet',
    medianDays: 'Arbejdsdage til første svar (median)',
    withinTarget: 'Svar inden for fristen',
    suppressed: '–',
    suppressedLabel: 'Ikke vist for at beskytte de enkelte virksomheder',
    methodTitle: 'Sådan er tallene opgjort',
    method: [
      'En henvendelse tælles i den måned, den er modtaget; en afsluttet sag i den måned, den blev afsluttet. En henvendelse om flere emner tælles under hvert emne.',
      'Første svar er den første besked til virksomheden eller sagens afslutning. Dage tælles i arbejdsdage: weekender, helligdage og kommunens lukkedage tæller ikke med.',
      'Svar inden for fristen er andelen af henvendelser, der fik første svar senest den dato, virksomheden fik oplyst i sin kvittering.',
      'Tal fra 1 til 4 vises ikke, så ingen virksomhed kan genkendes. Andre tal skjules også, hvis man ellers kunne regne et skjult tal ud fra totalerne. Medianer og andele vises kun, når mindst 5 henvendelser ligger bag dem.',
      'Der vises aldrig navne, CVR-numre, sagsnumre eller tekst, som virksomhederne har skrevet.',
    ],
    downloadTitle: 'Hent tallene',
    downloadCsv: 'Tallene som CSV',
    downloadPackage: 'Beskrivelse af data (Frictionless data package, JSON)',
    percent: (share) => `${Math.round(share * 100)} %`,
    days: (days) => `${String(days).replace('.', ',')}`,
  },
};

const en: Messages = {
  lang: 'en',
  locale: 'en-GB',
  serviceName: 'One entry point for social enterprises',
  otherLanguage: { lang: 'da', name: 'Dansk' },
  skipLink: 'Skip to main content',
  optional: '(optional)',
  errorPrefix: 'Error:',
  footer: { accessibility: 'Accessibility statement', apiDocs: 'API documentation for IT systems' },
  form: {
    title: 'Write to the municipality',
    metaDescription: 'One entry point to the municipality for social enterprises: write about hiring, business development, premises or social support, and get one contact department and a date for an answer.',
    lead:
      'Do you run a social enterprise and need the municipality? Write to us here. We send your inquiry to the right departments, and one department will be your contact.',
    requiredNote: 'All fields are required unless marked (optional).',
    sections: { enterprise: 'About the enterprise', contact: 'Contact person', inquiry: 'Your inquiry', consent: 'Your information' },
    yes: 'Yes',
    no: 'No',
    dontKnow: "Don't know",
    characterLimit: (n) => `You can enter up to ${n} characters`,
    characterCounter: {
      character_remaining: 'You have {value} character remaining',
      characters_remaining: 'You have {value} characters remaining',
      character_too_many: 'You have {value} character too many',
      characters_too_many: 'You have {value} characters too many',
    },
    consentText:
      'We use the information to handle your inquiry and to contact you about it. Only the staff at the municipality who work on your case can see it. We delete the information after a fixed period once the case is closed.',
    consentLabel: 'I agree that the municipality uses the information in this way',
    submit: 'Send inquiry',
    errorSummary: 'There is a problem with your inquiry',
    alreadySent: {
      title: 'This form has already been sent',
      body: 'You have already sent an inquiry from this page. To send a new inquiry with the information below, press Send inquiry again.',
    },
    stillProcessing: {
      title: 'We are receiving your inquiry',
      body: 'Wait a moment, then press Send inquiry again. You will not get two cases.',
    },
  },
  fields: {
    'enterprise.cvr': {
      label: 'CVR number',
      hint: '8 digits, for example 12345678',
      required: "Enter the enterprise's CVR number",
      invalid: 'Enter a valid CVR number of 8 digits. Check that you typed it correctly',
    },
    'enterprise.name': {
      label: 'Name of the enterprise',
      required: 'Enter the name of the enterprise',
      tooLong: (n) => `The name of the enterprise must be ${n} characters or fewer`,
      invalid: 'The name of the enterprise must not contain line breaks or invisible characters',
    },
    'enterprise.postcode': {
      label: 'Postcode',
      invalid: 'Enter the postcode as 4 digits, for example 6000',
    },
    'enterprise.employees': {
      label: 'Number of employees',
      hint: 'An approximate number is fine.',
      invalid: 'Enter the number of employees as a whole number, for example 12',
    },
    'enterprise.registeredSocialEnterprise': {
      label: 'Is the enterprise a registered social enterprise (RSV)?',
      invalid: "Choose yes, no or don't know",
    },
    'contact.name': {
      label: 'Name',
      required: "Enter the contact person's name",
      tooLong: (n) => `The name must be ${n} characters or fewer`,
      invalid: 'The name must not contain line breaks or invisible characters',
    },
    'contact.email': {
      label: 'Email',
      hint: 'We reply to this address.',
      required: 'Enter an email address',
      invalid: 'Enter a valid email address, for example name@enterprise.dk',
    },
    'contact.phone': {
      label: 'Phone number',
      invalid: 'Enter a valid phone number, for example 12 34 56 78',
    },
    topics: {
      label: 'What is your inquiry about?',
      hint: 'Choose one or more topics, at most 5.',
      required: 'Choose at least one topic',
      tooMany: (n) => `Choose at most ${n} topics`,
      unknown: 'One of the chosen topics no longer exists. Choose the topics again',
      invalid: 'Choose the topics again',
    },
    subject: {
      label: 'Subject',
      hint: 'A short heading, for example "Two new employees on wage subsidy".',
      required: 'Enter a subject',
      tooShort: (n) => `The subject must be at least ${n} characters`,
      tooLong: (n) => `The subject must be ${n} characters or fewer`,
      invalid: 'The subject must not contain line breaks or invisible characters',
    },
    description: {
      label: 'Describe your inquiry',
      hint: 'Tell us what you need help with and what you have already done.',
      required: 'Describe your inquiry',
      tooShort: (n) => `The description must be at least ${n} characters`,
      tooLong: (n) => `The description must be ${n} characters or fewer`,
      invalid: 'The description must not contain invisible characters',
    },
    consent: {
      label: 'Consent',
      invalid: 'You must give your consent before we can handle your inquiry',
    },
  },
  receipt: {
    title: 'We have received your inquiry',
    referenceTitle: (reference) => `Your case reference is ${reference}`,
    referenceText: 'Quote it if you contact us about the case.',
    contact: (department, date) =>
      html`<strong>${department}</strong> is your contact at the municipality and will answer you by <strong>${date}</strong>.`,
    trackTitle: 'Follow your case',
    trackText: 'Keep the link below. With it you can see how far your case has come and read messages from the municipality. Do not share it: anyone with the link can see the status of the case.',
    trackLink: (reference) => `See the status of case ${reference}`,
    newInquiry: 'Send another inquiry',
  },
  status: {
    title: (reference) => `Status of case ${reference}`,
    labels: { received: 'Received', in_progress: 'In progress', waiting_for_you: 'Waiting for your reply', resolved: 'Resolved' },
    explanations: {
      received: 'We have received your inquiry. A member of staff will start on it soon.',
      in_progress: 'A member of staff is working on your case.',
      waiting_for_you: 'We are waiting for your reply. Read the messages below.',
      resolved: 'The case is closed.',
    },
    notesTitle: 'Messages from the municipality',
    noNotes: 'There are no messages yet.',
  },
  facts: { reference: 'Case reference', subject: 'Subject', received: 'Received', contact: 'Your contact', answerBy: 'Answer by', status: 'Status' },
  notFound: {
    title: 'Page not found',
    body: 'We cannot find a case with that reference and link. Check that you used the whole link from the receipt.',
  },
  errors: {
    badRequest: { title: 'Something is wrong with the address', body: 'Check the address, or start again from the front page.' },
    tooLarge: { title: 'Your inquiry is too long', body: 'Shorten the description and try again.' },
    tooManyRequests: { title: 'You have sent too many inquiries', body: 'Wait a minute, then try again.' },
    unavailable: { title: 'The service is temporarily unavailable', body: 'Try again shortly. Your inquiry has not been sent.' },
    internal: { title: 'Something went wrong on our side', body: 'Try again later. If the error persists, quote the error code below when you contact the municipality.' },
    requestId: 'Error code',
    frontPage: 'Go to the front page',
  },
  staff: {
    solutionName: 'Casework – one entry point',
    signedInAs: (name) => `Signed in as ${name}`,
    signOut: 'Sign out',
    signIn: {
      title: 'Sign in',
      lead: 'Municipal staff sign in here to work on cases from social enterprises.',
      howToGetLink: 'No sign-in with the municipality\'s identity provider has been set up. Ask an administrator for a sign-in link: it works once, for 15 minutes.',
      adminHint: 'Administrators make a link on the Administration page (/staff/admin), with POST /v1/users/{id}/sign-in-links or on the command line with npm run cli -- sign-in-link --email <email>.',
      signedOut: { title: 'You have signed out', body: 'You can sign in again below.' },
      expired: { title: 'You have been signed out', body: 'You had not used the pages for a while, or had been signed in for a long time. Sign in again.' },
      oidcButton: 'Sign in with the municipality\'s login',
      oidcLead: 'You sign in with the same login you use for the municipality\'s other systems.',
      linkAlternative: 'If an administrator gave you a sign-in link, open that instead.',
      confirm: {
        title: 'Sign in with a link',
        lead: (name) => `This link signs you in as ${name}. It works once.`,
        button: (name) => `Sign in as ${name}`,
        notYou: 'If this is not you, close the page without signing in.',
      },
      failed: { title: 'The sign-in could not be completed', body: 'A sign-in must be completed in the same browser within 15 minutes, and the same answer works only once. Start again from the sign-in page.' },
      rejected: { title: 'The sign-in could not be verified', body: 'The answer from the municipality\'s login could not be accepted. Try again. If it keeps happening, contact IT support.' },
      unavailable: { title: 'The municipality\'s login is not answering', body: 'Try again in a little while. If it is urgent, ask an administrator for a sign-in link.' },
      unknownUser: { title: 'You do not have access yet', body: 'There is no user with your email address in the service. An administrator must add you before you can sign in.' },
      unverifiedEmail: { title: 'Your email address is not verified', body: 'The municipality\'s login has not verified your email address, so we cannot tell who you are. Contact IT support.' },
      inactive: { title: 'Your account is not active', body: 'Contact an administrator if you need access again.' },
    },
    link: {
      used: { title: 'This link has already been used', body: 'A sign-in link works only once. Ask an administrator for a new one.' },
      expired: { title: 'This link has expired', body: 'A sign-in link works for 15 minutes. Ask an administrator for a new one.' },
      unknown: { title: 'This link does not work', body: 'Check that you copied the whole link, or ask an administrator for a new one.' },
      inactive: { title: 'Your account is not active', body: 'Contact an administrator if you need access again.' },
    },
    forbidden: { title: 'You do not have access to this page', body: 'These pages are for caseworkers, coordinators and administrators.' },
    staleForm: { title: 'The form could not be sent', body: 'The page was too old or did not come from this service. Go back, reload the page and try again.' },
    toSignIn: 'Go to sign in',
    navigation: { label: 'Casework', work: 'My work', cases: 'Cases', statistics: 'Statistics', routing: 'Routing', admin: 'Administration' },
    caseList: {
      title: 'Cases',
      lead: 'Find cases by department, status, caseworker, topic or due date, or search by case reference, enterprise and CVR number.',
      filtersLegend: 'Filter the cases',
      filtersHint: 'Department, status, caseworker and overdue apply to one and the same assignment of the case: department Job centre with status Queued is the job centre\'s queue.',
      fields: {
        q: {
          label: 'Search',
          hint: 'Case reference, name of the enterprise or CVR number',
          invalid: 'The search must not contain invisible characters',
          tooLong: (n) => `The search must be ${n} characters or fewer`,
        },
        department: { label: 'Department', invalid: 'Choose a department from the list', unknown: 'There is no such department. Choose a department from the list' },
        status: { label: 'Status of the assignment', invalid: 'Choose a status from the list' },
        assignee: { label: 'Caseworker', invalid: 'Choose a caseworker from the list' },
        overdue: { label: 'Overdue', invalid: 'Choose yes, no or all' },
        caseStatus: { label: 'Status of the case', hint: 'The status the enterprise sees', invalid: 'Choose a status from the list' },
        topic: { label: 'Topic', invalid: 'Choose a topic from the list', unknown: 'There is no such topic. Choose a topic from the list' },
        sort: { label: 'Order', invalid: 'Choose an order from the list' },
        limit: { label: 'Cases per page', invalid: 'Choose 25, 50 or 100 cases per page' },
      },
      any: 'All',
      assignee: { me: 'Me', none: 'Nobody yet', colleagues: 'Colleagues', someone: (id) => `Caseworker ${id}` },
      overdue: { yes: 'Yes', no: 'No' },
      sort: { due: 'Due date, earliest first', newest: 'Newest first' },
      apply: 'Show cases',
      clear: 'Clear filters',
      errorSummary: 'There is a problem with the filters',
      staleCursor: 'The link to the next page does not match the filters. Start again from the first page.',
      resultsTitle: 'Results',
      caption: (page) => `Cases, page ${page}`,
      noCases: 'No cases match the filters.',
      columns: { reference: 'Case reference', subject: 'Subject', enterprise: 'Enterprise', lead: 'Lead department', status: 'Status', due: 'Due' },
      overdueMark: '(overdue)',
      caseStatuses: { received: 'Received', in_progress: 'In progress', waiting_for_you: 'Waiting for the enterprise', resolved: 'Resolved' },
      assignmentStatuses: { queued: 'Queued', in_progress: 'In progress', waiting: 'Waiting for the enterprise', done: 'Done', transferred: 'Transferred' },
      pages: { label: 'Pages', page: (n) => `Page ${n}`, next: 'Next page', first: 'First page', lastPage: 'This is the last page.' },
    },
    casePage: enCasePage,
    routingInquiry: enRoutingInquiry,
    routingSimulate: enRoutingSimulate,
    goldenCases: enGoldenCases,
    routing: enRoutingEditor,
    admin: {
      title: 'Administration',
      lead: 'Users, their roles and departments, API tokens and sign-in links.',
      usersTitle: 'Users',
      usersCaption: 'Users of the service, oldest first',
      name: 'Name',
      email: 'Email',
      role: 'Role',
      departments: 'Departments',
      active: 'Active',
      lastTokenUse: 'Token last used',
      yes: 'Yes',
      no: 'No',
      never: 'Never',
      none: 'None',
      nextPage: 'Next page',
      roles: { caseworker: 'Caseworker', coordinator: 'Coordinator', admin: 'Administrator', integrator: 'Integrator' },
      create: { title: 'Create a user', departmentsHint: 'Only caseworkers belong to departments, and to at least one.', button: 'Create user' },
      toList: 'To all users',
      userTitle: (name) => `User: ${name}`,
      access: { title: 'Role and departments', button: 'Save role and departments' },
      activation: {
        title: 'Access',
        activeText: 'The user is active.',
        inactiveText: 'The user is deactivated: neither sign-in nor API tokens work.',
        deactivate: 'Deactivate user',
        reactivate: 'Reactivate user',
      },
      tokens: {
        title: 'API tokens',
        caption: 'The user\'s API tokens',
        tokenName: 'Token name',
        created: 'Created',
        lastUsed: 'Last used',
        expires: 'Expires',
        status: 'Status',
        usable: 'Works',
        revoked: 'Revoked',
        expired: 'Expired',
        revoke: 'Revoke',
        revokeNamed: (name) => `Revoke the token ${name}`,
        noTokens: 'The user has no API tokens.',
        createTitle: 'New API token',
        nameHint: 'What the token is for, e.g. "laptop" or "partner portal".',
        expiryLabel: 'Expiry date (optional)',
        expiryHint: 'The token works until the end of this day (Danish time). Without a date it does not expire. Write e.g. 2027-12-31.',
        createButton: 'Create API token',
        createdTitle: 'The API token has been created',
        createdBody: 'Copy the token now. It is shown this once only; the service does not keep it.',
      },
      signInLink: {
        title: 'Sign-in link',
        lead: 'A link that signs the user in to the staff pages once, within 15 minutes. Hand it over as you would a password.',
        button: 'Make a sign-in link',
        createdTitle: 'The sign-in link has been made',
        createdBody: (expires) => `The link is shown this once only. It works once, until ${expires}.`,
      },
      back: (name) => `Back to ${name}`,
      done: {
        created: 'The user has been created.',
        profile: 'Name and email have been saved.',
        access: 'Role and departments have been saved.',
        deactivated: 'The user has been deactivated. Sign-in and API tokens no longer work.',
        reactivated: 'The user is active again.',
        revoked: 'The API token has been revoked and no longer works.',
      },
      errors: {
        summary: 'Correct these errors',
        nameRequired: 'Enter a name',
        invalidText: 'Must not contain line breaks or control characters',
        tooLong: (max) => `At most ${max} characters`,
        invalidEmail: 'Enter a valid email address, e.g. name@municipality.dk',
        emailInUse: 'There is already a user with this email address',
        chooseRole: 'Choose a role',
        needDepartment: 'A caseworker must belong to at least one department',
        onlyCaseworkers: 'Only caseworkers belong to departments',
        unknownDepartment: 'Choose among the departments that exist',
        invalidExpiry: 'Write the date as year-month-day, e.g. 2027-12-31',
        pastExpiry: 'The expiry date has passed; choose today or a later day',
        lastAdmin: { title: 'That was not possible', body: 'The user is the last active administrator. Make another user administrator first.' },
        inactive: { title: 'The user is deactivated', body: 'Reactivate the user first.' },
        notFound: { title: 'No such user', body: 'There is no user at this address.' },
      },
      ...enAdminSections,
    },
    work: {
      title: 'My work',
      lead: 'The queues of your departments and the cases you are working on.',
      departmentsTitle: 'Departments',
      caption: 'Assignments per department',
      department: 'Department',
      queued: 'Queued',
      inProgress: 'In progress',
      waiting: 'Waiting',
      overdue: 'Overdue',
      actions: 'Action',
      takeNext: 'Take the next case',
      takeNextIn: (department) => `Take the next case in ${department}`,
      claimOnlyMembers: 'Cases are taken from a queue by the department\'s caseworkers.',
      noDepartments: 'You are not a member of any department.',
      queueEmpty: (department) => ({ title: 'The queue is empty', body: `There are no queued cases in ${department}.` }),
      claimed: (reference) => ({ title: `You took case ${reference}`, body: 'The case is now among your cases below.' }),
      assignmentsTitle: 'My cases',
      assignmentsCaption: 'My open assignments, oldest due date first',
      noAssignments: 'You have no open cases.',
      reference: 'Case reference',
      subject: 'Subject',
      enterprise: 'Enterprise',
      status: 'Status',
      due: 'Due',
      overdueMark: '(overdue)',
      statuses: { queued: 'Given to you, not started', in_progress: 'In progress', waiting: 'Waiting for the enterprise' },
    },
    mail: {
      title: 'Mail about new assignments',
      legend: 'When do you want an email about new assignments in your departments?',
      hint: 'If you have overdue assignments, you get a reminder every working-day morning regardless.',
      options: {
        immediately: 'At once: one email for each new assignment',
        daily: 'Once a day: a summary every working-day morning of the new assignments still waiting',
        off: 'Never',
      },
      save: 'Save choice',
      saved: { title: 'Your choice is saved', body: 'It applies from the next new assignment.' },
      invalid: 'Choose one of the options',
    },
    statistics: {
      title: 'Statistics',
      lead: 'How many inquiries come in and are resolved, how soon the enterprises get a first answer, and which routing rules the caseworkers overrule most. Days are Danish working days.',
      generatedAt: (when) => `The figures are from the snapshot made ${when}.`,
      noSnapshot: 'No snapshot has been made yet, so there are no figures to show.',
      noFigures: 'There are no inquiries in the period.',
      form: {
        legend: 'Choose the period and the grouping',
        from: 'From',
        to: 'To (inclusive)',
        dateHint: 'Write the date as YYYY-MM-DD, for example 2026-01-31.',
        groupBy: 'Group by',
        groupByOptions: { department: 'Lead department', topic: 'Topic', month: 'Month' },
        submit: 'Show figures',
        errorSummary: 'There is a problem with the form',
        errors: {
          invalidDate: 'Enter a valid date as YYYY-MM-DD',
          fromAfterTo: 'The from date must not be after the to date',
          tooLong: 'The period can be at most five years',
          unknownGroupBy: 'Choose department, topic or month',
        },
      },
      volume: { title: 'Received and resolved', receivedChart: 'Inquiries received', resolvedChart: 'Cases resolved', caption: 'Cases received and resolved' },
      answer: { title: 'Working days to the first answer', medianChart: 'Working days to the first answer (median)', p90Chart: 'Working days to the first answer (90th percentile)', caption: 'Working days to the first answer' },
      target: { title: 'Answered within target', chart: 'Share with a first answer within target', caption: 'Share with a first answer within target' },
      chartDescription: (chart) => `Bar chart: ${chart}. The figures are in the table below the chart.`,
      received: 'Received',
      resolved: 'Resolved',
      median: 'Median',
      p90: '90th percentile',
      withinTarget: 'Within target',
      none: '–',
      noneLabel: 'No figure',
      routing: {
        title: 'The routing rules in practice',
        lead: 'For each rule: how many cases it gave a department, and how many that department later transferred to another. Rules that are overruled often are marked.',
        caption: 'Cases per routing rule and transfers away from the chosen department',
        rule: 'Rule',
        fallback: 'No rule (the fallback department)',
        department: 'Chosen department',
        led: 'Cases',
        transferredAway: 'Transferred away',
        transferredTo: 'Transferred to',
        overruled: 'Often overruled',
        overruledNote: 'A rule is overruled often when at least two of its cases, and at least a quarter of them, were transferred to another department.',
        noRules: 'No cases in the period were routed.',
      },
      downloads: { title: 'Download the figures', figures: 'The figures as CSV', routing: 'The routing rules as CSV' },
      refresh: {
        title: 'Refresh the snapshot',
        lead: 'The snapshot is made every night. You can make it now if you need the latest figures.',
        button: 'Refresh the snapshot now',
        done: { title: 'The snapshot is refreshed', body: 'The figures below are the latest.' },
      },
      forbidden: { title: 'You do not have access to this page', body: 'The statistics are for coordinators and administrators.' },
      toMyWork: 'To My work',
      percent: (share) => `${Math.round(share * 100)}%`,
      days: (days) => String(days),
    },
  },
  transparency: {
    title: 'How the municipality answers social enterprises',
    lead: 'How many inquiries the municipality receives from social enterprises, how many are resolved, and how fast the enterprises get an answer. The figures are updated every night.',
    generatedAt: (when) => `Figures as of ${when}.`,
    noFigures: 'There are no figures to show yet.',
    noPublicTopics: 'The municipality has not yet chosen topics to show figures for.',
    receivedChart: {
      title: 'Inquiries received per month',
      description: (from, to) => `Bar chart of inquiries received per month from ${from} to ${to}. The figures are in the table below.`,
    },
    answerChart: {
      title: 'Working days to the first answer (median) per month',
      description: (from, to) => `Bar chart of the median working days to the first answer per month from ${from} to ${to}. The figures are in the table below.`,
    },
    tableTitle: 'Figures per topic',
    tableCaption: (topic) => `${topic}: figures per month`,
    totalTopic: 'All topics shown',
    month: 'Month',
    received: 'Received',
    resolved: 'Resolved',
    medianDays: 'Working days to first answer (median)',
    withinTarget: 'Answered within the promised date',
    suppressed: '–',
    suppressedLabel: 'Not shown, to protect the individual enterprises',
    methodTitle: 'How the figures are made',
    method: [
      'An inquiry counts in the month it was received; a resolved case in the month it was resolved. An inquiry about several topics counts under each.',
      'The first answer is the first message to the enterprise or the case being resolved. Days are working days: weekends, public holidays and the days the municipality is closed do not count.',
      'Answered within the promised date is the share of inquiries whose first answer came by the date given on the enterprise\'s receipt.',
      'Figures from 1 to 4 are not shown, so that no enterprise can be recognised. Other figures are hidden too where a hidden figure could otherwise be worked out from the totals. Medians and shares are shown only when at least 5 inquiries stand behind them.',
      'Names, CVR numbers, case references and text the enterprises wrote are never shown.',
    ],
    downloadTitle: 'Download the figures',
    downloadCsv: 'The figures as CSV',
    downloadPackage: 'Description of the data (Frictionless data package, JSON)',
    percent: (share) => `${Math.round(share * 100)}%`,
    days: (days) => String(days),
  },
};

const byLang: Record<Lang, Messages> = { da, en };

export function messagesFor(lang: Lang): Messages {
  return byLang[lang];
}

export const otherLang = (lang: Lang): Lang => (lang === 'da' ? 'en' : 'da');

/** A calendar date (YYYY-MM-DD) as people write it: "3. december 2026", "3 December 2026". */
export function formatDate(isoDate: string, m: Messages): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(m.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A moment in Danish local time, whichever language the page is in: the municipality's clock. */
export function formatDateTime(isoDateTime: string, m: Messages): string {
  const date = new Date(isoDateTime);
  if (Number.isNaN(date.getTime())) return isoDateTime;
  return new Intl.DateTimeFormat(m.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(date);
}
