/** The module services, wired to one database and clock. Routes and CLI commands call these. */
import type { Database } from './platform/db/database.js';
import type { Clock } from './platform/clock.js';
import type { PiiVault } from './platform/crypto/pii-vault.js';
import { RegionService } from './modules/regions/region.service.js';
import { AuditService } from './modules/audit/audit.service.js';
import { HouseholdReadService } from './modules/registry/household-read.service.js';
import { HouseholdService } from './modules/registry/household.service.js';
import { PersonService } from './modules/registry/person.service.js';
import { UserService } from './modules/access/user.service.js';
import { AuthService } from './modules/access/auth.service.js';
import { AuthorizationService } from './modules/access/authorization.service.js';
import { PolicyService } from './modules/policy/policy.service.js';
import { AssessmentService } from './modules/recognition/assessment.service.js';
import { CatalogService } from './modules/catalog/catalog.service.js';
import { IngestService } from './modules/ingest/ingest.service.js';
import { HouseholdFactsService } from './modules/ingest/household-facts.service.js';
import { CalendarService } from './modules/monitoring/calendar/calendar.service.js';
import { IndicatorService } from './modules/monitoring/indicator.service.js';
import { MonitorRunService } from './modules/monitoring/monitor-run.service.js';
import { AlertService } from './modules/monitoring/alert.service.js';
import { CaseStepService } from './modules/cases/case-steps.service.js';
import { CaseViews } from './modules/cases/case-view.js';
import { CaseService } from './modules/cases/case.service.js';
import { DiscoverySources } from './modules/cases/discovery.js';
import { TimelineService } from './modules/cases/timeline.service.js';
import { InboxService } from './modules/cases/inbox.service.js';
import { FollowUpService } from './modules/cases/followup.service.js';
import { DocumentService } from './modules/cases/documents.service.js';
import { assistanceReads, assistanceTimeline, referralInbox } from './modules/cases/assistance-links.js';
import { ApplicationService } from './modules/cases/intake/application.service.js';
import { ReportService } from './modules/cases/intake/report.service.js';
import { ProgramService } from './modules/assistance/program.service.js';
import { RecommendationService } from './modules/assistance/recommendation.service.js';
import { GrantService } from './modules/assistance/grant.service.js';
import { ReferralService } from './modules/assistance/referral.service.js';
import { EntitlementService } from './modules/payments/entitlement.service.js';
import { RollService } from './modules/payments/roll.service.js';
import { RollExportService } from './modules/payments/roll-export.service.js';
import { paymentTimeline } from './modules/payments/payment-timeline.js';
import { EntitlementImport } from './modules/payments/entitlement-import.js';

export function createServices(database: Database, vault: PiiVault, clock: Clock) {
  const { db } = database;
  const regions = new RegionService(db);
  const audit = new AuditService(db);
  const users = new UserService(db, regions, audit);
  const policy = new PolicyService(db, regions, audit);
  const catalog = new CatalogService(db, audit);
  const calendar = new CalendarService(db, audit, clock);
  const indicators = new IndicatorService(db, catalog, policy, calendar, audit, clock);
  const programs = new ProgramService(db, audit);
  const grants = new GrantService(db, programs, audit, clock);
  const authorizations = new AuthorizationService(db, audit, clock);
  const assessments = new AssessmentService(db, regions, policy, audit, vault, clock);
  const households = new HouseholdService(db, regions, vault, clock);
  const alerts = new AlertService(db, indicators, catalog, audit, clock);
  const applications = new ApplicationService(db, regions, audit, vault, clock);
  const reports = new ReportService(db, regions, audit, vault, clock);
  const referrals = new ReferralService(db, programs, grants, policy, calendar, audit, clock);
  const caseSteps = new CaseStepService(db, { applications, referrals, grants, households, authorizations, assessments, alerts, policy, vault }, calendar, audit, clock);
  const caseViews = new CaseViews(db, caseSteps, assessments, clock);
  caseViews.useAssistance(assistanceReads(referrals, grants));
  const timeline = new TimelineService(db, audit);
  timeline.addSource(assistanceTimeline(referrals, grants));
  timeline.addSource(paymentTimeline);
  const inbox = new InboxService(db, clock);
  inbox.addSource(referralInbox(referrals, () => clock.today()));
  const discovery = new DiscoverySources(alerts, authorizations, clock, { applications, reports });
  const recommendations = new RecommendationService(db, programs, policy, audit, clock);
  const cases = new CaseService(db, caseSteps, caseViews, discovery, alerts, policy, calendar, audit, clock, recommendations);
  const entitlements = new EntitlementService(db, audit, clock);
  const rolls = new RollService(db, vault, entitlements, audit, clock);
  return {
    regions,
    audit,
    users,
    auth: new AuthService(db, users, regions, audit, clock),
    authorizations,
    policy,
    assessments,
    catalog,
    ingest: new IngestService(database, catalog, audit, vault, clock),
    householdFacts: new HouseholdFactsService(db, catalog, audit),
    households,
    householdReads: new HouseholdReadService(db, regions, audit, vault, clock),
    persons: new PersonService(db, audit, vault, clock),
    calendar,
    indicators,
    monitorRuns: new MonitorRunService(db, indicators, catalog, policy, calendar, audit, clock),
    alerts,
    caseSteps,
    caseViews,
    cases,
    timeline,
    inbox,
    followUp: new FollowUpService(db, policy, calendar, audit, clock),
    documents: new DocumentService(db, cases, audit, clock),
    applications,
    reports,
    programs,
    recommendations,
    referrals,
    grants,
    entitlements,
    rolls,
    rollExports: new RollExportService(db, vault, rolls, audit, clock),
    entitlementImport: new EntitlementImport(db, vault, audit, clock),
  };
}

export type Services = ReturnType<typeof createServices>;
