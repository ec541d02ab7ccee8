/**
 * Seed 000, GitLab CY2017-Q3 (calendar 2017 Q3), scored by hand from the page's own outcomes.
 * Written from the page, line by line: K(line, value) is a key result's outcome (`=> 94%` is
 * 0.94, `Done`/`ACHIEVED` 1, `MISSED` 0); O(line, [...]) an objective and what is scored
 * beneath it (its key results, then the objectives aligned under it); S(line, status) an
 * objective with nothing scored beneath it whose own outcome says done (1) or missed (0).
 * Lines without an outcome are not scored and are left out. Each objective is the mean of its
 * parts, at most 1; the quarter is the mean of the top-level objectives.
 * Top-level objectives: 0.727, 0.657, 0.500; quarter = 0.6280.
 */
import { K, O, type Part, S } from "./hand.js";

export const QUARTER_000 = 0.628;

export const HAND_000: Part[] = [
  O(11, [
    // : Grow incremental ACV according to plan = 0.727
    O(13, [
      // CEO: Build sales qualified leads (SQL) pipe = 0.822
      K(14, 1), // CMO: Identify CE installations within strat => Achieved. 50 SQOs generated.
      O(15, [
        // CMO: More demand coming from inbound market = 0.667
        K(15, 1), // CMO: 50% of sales pipeline quota. => Achieved on SQL $, miss on #
        O(16, [
          // CMO: Increase EE Trials. = 0.000
          K(16, 0), // CMO: 21% Quarter over Quarter (QoQ) => Miss
        ]),
        K(17, 1), // CMO: Increase EE Trial SQL $ pipeline contr => Achieved over 2x goal
      ]),
      O(18, [
        // CFO: Forecast accuracy and delivery of rele = 1.000
        K(19, 1), // Controller: Zuora to Salesforce reconciliation com => DONE
        K(20, 1), // CFO: Forecasting model projects forecast +/ => DONE
        K(21, 1), // Controller: Zuora to Salesforce to Zendesk data sy => DONE
      ]),
      K(22, 0.5), // CFO: Deliver 10 SQLs > $10k during quarter  => 50% ACHIEVED
      O(23, [
        // VP Prod: Salesforce shows usage. = 1.000
        K(23, 1), // VP Prod: Version check, usage ping, and ConvDev => All shipped
      ]),
      O(24, [
        // VP Prod: Import documentation for all major pla = 1.000
        K(24, 1), // VP Prod: Five new import docs shipped. => 5/5 shipped. 10 in total now.
      ]),
      O(25, [
        // CRO: 100% of quota-carrying reps at 3x pipe = 0.050
        O(29, [
          // SDR lead: Generate 25% of sales pipeline quota = 0.050
          O(31, [
            // SDR lead: Double Win Rate. = 0.050
            K(31, 0.05), // SDR lead: 10% => 5% of Q3 SDR sourced SCLAU have been w
          ]),
        ]),
      ]),
      O(32, [
        // CRO: Increase new business sales velocity. = 1.000
        K(32, 1), // CRO: Grow 200% YoY (Q3 2016 to Q3 2017) in  => ACHIEVED
      ]),
      S(33, "done"), // CRO: Decrease age of non-web direct deals b
      O(38, [
        // CRO: Keep sales efficient. = 1.000
        K(38, 1), // CRO: Sales efficiency ratio > 1.8 (IACV / s => ACHIEVED
      ]),
      O(39, [
        // CMO: Keep marketing efficient. = 1.000
        K(39, 1), // CMO: Marketing efficiency ratio > 3.4 (IACV => 3.43: held above 3.4
      ]),
    ]),
    O(40, [
      // CEO: Understand and improve existing accoun = 0.630
      O(41, [
        // VP Eng: Geo DR successful deployments. = 0.150
        K(41, 0.2), // VP Eng: Test fail-over with GitLab.com => 20% done. Some customers running Geo i
        K(42, 0.1), // Platform: Get Geo reliable with a testing framew => 10% done, moved to Q4 with GitLab QA
      ]),
      O(44, [
        // VP Prod: Make it easier to discover and use EE  = 1.000
        O(45, [
          // Technical Writing: CE docs link to EE wherever relevant. = 1.000
          K(45, 1), // Technical Writing: Increased visits to EE docs. => Done. Defaults to EE docs now (i.e. ov
        ]),
      ]),
      S(46, "done"), // VP Prod: Ship paid subscriptions for GitLab.com
      O(48, [
        // CFO: Make our sales process data driven = 1.000
        K(49, 1), // CFO: Lead hired => DONE
      ]),
      O(57, [
        // Support: Provide faster, more knowledgable supp = 0.000
        K(57, 0), // Support: Reduce Average Time to Solve by 5%. => Not Hit. SLAs were breached which beca
      ]),
    ]),
    O(58, [
      // CEO: Increase average sales price (ASP) (IA = 0.714
      K(59, 1), // CRO: Triple sales assisted average new busi => ACHIEVED
      K(60, 1), // CRO: 50% of IACV from EEP => ACHIEVED
      O(61, [
        // CMO: More sales assets. = 0.000
        K(61, 0), // CMO: 3 new for each stage (TOFU, MOFU, BOFU => Miss. PMM hire/onboard.
        O(63, [
          // CMO: 3 minute video product demo targeted a = 0.000
          K(63, 0), // CMO: Published => Not completed
        ]),
      ]),
      O(64, [
        // PMM: Sales Demo easy to give. = 0.000
        K(64, 0), // PMM: At least one Account Executive can do  => Not completed
      ]),
      O(65, [
        // CRO: Sales Pitch Deck and Messaging trained = 1.000
        K(65, 1), // CRO: 75% of customer facing team passes tes => ACHIEVED
      ]),
      K(66, 1), // VP Prod: Conversational Development Index in pr => Done
      O(67, [
        // VP Prod: Improve JIRA support. = 1.000
        O(68, [
          // Technical writing: Create a page on our JIRA integration  = 1.000
          K(68, 1), // Technical writing: 100% increased usage of JIRA integrati => Done. % TODO
        ]),
      ]),
    ]),
  ]),
  O(70, [
    // : Popular next generation product = 0.657
    O(72, [
      // CEO: GitLab.com ready for mission-critical  = 0.618
      O(73, [
        // VP Scaling: Highly Available. = 0.667
        O(74, [
          // Production: Scalable and HA setup for cache and ba = 1.000
          K(74, 1), // Production: Persistence of cache (Redis) and backg => Done.
        ]),
        O(82, [
          // Database: Run pgbouncer from Omnibus. = 1.000
          K(82, 1), // Database: Shipped. => Done
        ]),
        O(83, [
          // Database: Use Omnibus provided software for HA / = 0.000
          K(83, 0), // Database: Shipped and In Use. => Not yet in use.
        ]),
      ]),
      O(84, [
        // VP Eng: Enable High Availability = 0.400
        K(86, 1), // Platform: Support multiple Redis clusters for pe => Done.
        K(87, 0.1), // Platform: Use Geo DR to move between clouds and  => 10% done, begin testing with Geo testb
        O(88, [
          // Support: Improve GitLab provided debugging tool = 0.500
          K(88, 0.5), // Support: We'll log all times we need terminal a => 50% done, see https://gitlab.com/gitla
        ]),
        O(89, [
          // Prometheus: Reach parity with Prometheus metrics f = 0.300
          K(89, 0.3), // Prometheus: Deprecate InfluxDB. => 30% done with Prometheus metrics for U
        ]),
        K(90, 0.25), // Edge: Make GitLab QA test backup/restore, LD => 25% done with Mattermost. Backup/resto
        O(91, [
          // CI/CD: Decrease monthly per minute cost of sh = 0.250
          K(91, 0.25), // CI/CD: Cost down by 30%. => 25% done, Google Compute Engine suppor
        ]),
      ]),
      O(93, [
        // VP Scaling: Lower latency. = 1.000
        K(94, 1), // Gitaly: Gitaly service active on file-servers. => Done.
        O(95, [
          // Gitaly: Roll out Gitaly migrations. = 1.000
          K(95, 1), // Gitaly: 24 additional endpoints migrated to Gi => Done.
        ]),
        O(96, [
          // Gitaly: Reduce "idea to production" time of mi = 1.000
          K(96, 1), // Gitaly: 80% of all migrations started in Q3 ar => Done by changing process.
        ]),
      ]),
      O(104, [
        // VP Eng: Lower latency in application = 0.550
        O(105, [
          // Discussion: Solve performance issues. = 0.250
          K(105, 0.25), // Discussion: Reduce p95 of discussion-related actio => 25% done. 10% (~150 of 1476 endpoints)
        ]),
        O(106, [
          // Platform: Solve performance issues. = 0.250
          K(106, 0.25), // Platform: Reduce p95 of platform-related actions => 25% done. 10% (~150 of 1476 endpoints)
        ]),
        O(107, [
          // Frontend: Do a Manual performance audit and depl = 1.000
          K(107, 1), // Frontend: Implement Top 3 actions => Done
        ]),
        K(108, 1), // Frontend: Package optimization and CDN Hosting f => Done
        K(109, 0.25), // Edge: Ship large database seeder for develop => 25% done
      ]),
      O(111, [
        // VP Eng: Eliminate critical stability issues = 0.593
        K(112, 0.2), // Discussion: Merge requests get merged 100% without => 20% done. Improvements made in https:/
        K(113, 1), // Platform: Project authorizations fast (< 1 s) an => DONE
        K(114, 0.1), // Platform: Project imports and forks complete 100 => 10% done. Import issues need to be bro
        K(115, 0.3), // Platform: Namespace and project renames work 100 => 30% done. Requires hashed storage supp
        O(117, [
          // Frontend: Implement cross-browser automated test = 0.950
          K(117, 0.95), // Frontend: Catch at least one browser regression  => 95% Done Not automated. Has to be turn
        ]),
        K(118, 0.6), // Frontend: Accomplish at least 3 frontend improve => 60% Done
        K(119, 1), // CI/CD: Make runners work on Google Compute En => Done
      ]),
      O(121, [
        // VP Scaling: Secure platform = 0.500
        O(123, [
          // Security: Vulnerability testing. = 1.000
          K(123, 1), // Security: Conduct external testing. => Done.
        ]),
        O(124, [
          // Security: Improve security practices through peo = 0.000
          K(124, 0), // Security: Backlog of security issues reduced by  => Not done, backlog is larger.
        ]),
      ]),
    ]),
    O(125, [
      // CEO: Increased usage of idea to production. = 0.685
      K(126, 1), // CMO: Generate more company and product awar => Achieved.
      O(127, [
        // VP Prod: Issue boards usage increase. = 1.000
        K(127, 1), // VP Prod: 100% (.com and usage ping) => ~100% increase
      ]),
      O(143, [
        // Frontend: Optimize Frontend Code to support spee = 1.000
        K(143, 1), // Frontend: For larger projects and ones with thou => Done a lot of Performance related opti
      ]),
      O(148, [
        // CMO: More contributors from the wider commu = 0.000
        K(148, 0), // CMO: Unique contributors grow 10% QoQ => Missed.
      ]),
      O(151, [
        // VP Eng: Make sure existing features are used b = 0.425
        K(160, 0.25), // UX: Make it easier to find and use advance => 25% Implemented https://gitlab.com/git
        O(161, [
          // Frontend: Support > 2000 comments/code changes o = 0.600
          K(161, 0.6), // Frontend: With speed and without jank. => 60% done. Needs work on MR discussion.
        ]),
      ]),
    ]),
    O(164, [
      // CEO: Next generation product. = 0.667
      K(167, 1), // UX: Improved navigation. Iterate on it eve => 100% All work completed, work continue
      K(168, 0), // UX: Improve perceived performance => 0% Issues continually re-scheduled (UX
      K(169, 1), // Frontend: Instant user feedback => Done
    ]),
  ]),
  O(173, [
    // : Great team = 0.500
    O(175, [
      // CEO: Effective leadership. = 0.500
      O(178, [
        // CFO: Real-time analytics platform. = 0.500
        K(178, 0.5), // CFO: 40% of metrics live => 50% ACHIEVED - 20% OF METRICS
      ]),
    ]),
  ]),
];
