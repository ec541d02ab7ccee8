/**
 * Seed 002, GitLab CY2018-Q2 (calendar 2018 Q2), scored by hand from the page's own outcomes.
 * Written from the page, line by line: K(line, value) is a key result's outcome (`=> 94%` is
 * 0.94, `Done`/`ACHIEVED` 1, `MISSED` 0); O(line, [...]) an objective and what is scored
 * beneath it (its key results, then the objectives aligned under it); S(line, status) an
 * objective with nothing scored beneath it whose own outcome says done (1) or missed (0).
 * Lines without an outcome are not scored and are left out. Each objective is the mean of its
 * parts, at most 1; the quarter is the mean of the top-level objectives.
 * Top-level objectives: 0.887, 0.845, 1.000; quarter = 0.9108.
 */
import { K, O, type Part } from "./hand.js";

export const QUARTER_002 = 0.9108;

export const HAND_002: Part[] = [
  O(7, [
    // CEO: Grow Incremental ACV according to plan = 0.887
    O(54, [
      // VPE:  = 0.887
      O(55, [
        // Director of Support:  = 0.887
        K(56, 0.81), // Support Engineering: 100% SLA achievement for premium self- => 81%
        K(57, 0.9), // Support Engineering: Document and implement severity-based  => 90%
        K(58, 0.94), // Support Services: 100% SLA achievement for GitLab.com cu => 94%
        K(59, 0.9), // Support Services: Develop and document Support Services  => 90%
      ]),
    ]),
  ]),
  O(61, [
    // CEO: Popular next generation product. = 0.845
    O(74, [
      // VPE: Make GitLab.com ready for mission crit = 0.845
      K(76, 1), // UX: Deliver three UX Ready experience impr => 100%
      K(77, 0.66), // UX: Deliver three UX Ready experience impr => 66%
      K(78, 1), // Quality: Deliver the first iteration of enginee => 100% done, dashboard is up and running
      K(79, 0.7), // Quality: Complete the organization of files, di => 70% done, remaining work scoped with i
      K(80, 0.9), // Security: Automated enforcement of GCP Security  => 90%, full completion dependent on post
      K(81, 1), // Security: Design, document, and implement securi => 100%, security release process
      K(84, 0.9), // Dev Backend: Define KPIs and build monitoring for r => 90%. Prototype working but not shipped
      O(86, [
        // Dev Backend: Create first iteration of engineering  = 0.900
        K(88, 0.8), // Platform: Ship first GraphQL endpoint to be used => 80%, endpoint is shipped, but some mor
        K(92, 1), // Distribution: Increase integration test coverage of  => 100% done. End to end HA setup is run
      ]),
      K(95, 1), // Ops Backend: Design and implement a hiring pool pro => 100% done (first iteration). Great col
      O(96, [
        // Ops Backend: Goal #2 = 0.764
        K(97, 0.75), // CI/CD: Deliver 100% of committed issues per r => 75% for deliverables, 46% for stretch
        K(98, 1), // CI/CD: Cover demo of Auto DevOps with GitLab  => 100%
        K(99, 0.57), // Monitoring: Deliver 100% of committed issues per r => (57%)
        K(100, 0.5), // Monitoring: Publish official Grafana dashboards => 50% complete, first iteration merged
        K(101, 1), // Security Products: Gemnasium infrastructure moved to GitL => 100%, Gemnasium has been shutdown on M
      ]),
      O(102, [
        // Infrastructure:  = 0.470
        K(103, 0), // Production: Move to GCP in April => 0% done - now targeting end of July.
        K(104, 0.45), // Database: Improve application performance => 45% done
        K(105, 0.57), // Database: Improve monitoring, configuration, and => 57% done
        K(106, 1), // Database: Improve team structure and workflow => 100% done
        K(107, 0.8), // Gitaly: Ship v1.0 and turn off NFS => 80%. We got a lot closer to shipping 1
        K(108, 0), // Gitaly: Get to v1.1 remove rugged code => 0%. Didn't ship 1.0 which is a prerequ
      ]),
    ]),
  ]),
  O(110, [
    // CEO: Great team. = 1.000
    K(119, 1), // VPE: Refactor engineering handbook to refle => 100% done
    O(120, [
      // VPE: Source 150 candidates and hire a direc = 1.000
      O(125, [
        // Ops Backend: Source 50 candidates and hire 1 monito = 1.000
        K(127, 1), // CI/CD: Source 100 candidates and hire 2 engin => 100% complete for sourcing, 50% comple
      ]),
      K(129, 1), // Quality: Source 100 candidates and hire 2 test  => 100% done for both sourcing and hiring
    ]),
  ]),
];
