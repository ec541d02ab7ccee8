/**
 * Seed 001, GitLab FY20-Q2 (May–July 2019), scored by hand from the page's own outcomes.
 * Written from the page, line by line: K(line, value) is a key result's outcome (`=> 94%` is
 * 0.94, `Done`/`ACHIEVED` 1, `MISSED` 0); O(line, [...]) an objective and what is scored
 * beneath it (its key results, then the objectives aligned under it); S(line, status) an
 * objective with nothing scored beneath it whose own outcome says done (1) or missed (0).
 * Lines without an outcome are not scored and are left out. Each objective is the mean of its
 * parts, at most 1; the quarter is the mean of the top-level objectives.
 * Top-level objectives: 0.700, 0.475, 0.767; quarter = 0.6474.
 */
import { K, O, type Part } from "./hand.js";

export const QUARTER_001 = 0.6474;

export const HAND_001: Part[] = [
  O(9, [
    // CEO: Grow Incremental ACV. = 0.700
    O(40, [
      // VP Eng: Ensure self-managed GitLab scales for  = 0.700
      O(41, [
        // Development:  = 0.700
        K(44, 0.4), // Fellow: Work across teams to ensure Gitaly I/O => 40%
        K(45, 1), // Fellow: Solve 3 priority customer issues that  => 100%
      ]),
    ]),
  ]),
  O(49, [
    // CEO: Popular next generation product. = 0.475
    O(54, [
      // VP Product: Become data-informed and more customer = 0.498
      K(54, 0.27), // VP Product: Build all product KPI dashboards (with => 27%
      K(54, 0), // VP Product: 40% of direction items are provably su => 0%
      K(54, 2.27), // VP Product: each PM conduct three customer discove => 227%
      O(55, [
        // Director of Product, Dev: Make GitLab the most usable DevOps pla = -0.012
        K(55, -0.012), // Director of Product, Dev: Prioritize issues to raise SUS score f => -1.2%
      ]),
      O(56, [
        // Director of Product, Dev: Grow use of GitLab. = 0.415
        K(56, 0.28), // Director of Product, Dev: Increase SMAU 10% m/m for Manage, Plan => 28%
        O(57, [
          // PM, Create: Ensure self-managed GitLab scales for  = 0.550
          K(57, 0.55), // PM, Create: Prioritize Gitaly N+1 query issues. => 55%
        ]),
      ]),
      O(58, [
        // Director of Product, CI/CD: Grow use of GitLab. = 0.330
        K(58, 0.33), // Director of Product, CI/CD: Increase SMAU 10% m/m for Verify, Pack => 33%
      ]),
      O(61, [
        // Director of Product, Growth: Improve key growth metrics for both se = 0.175
        K(61, 0), // Director of Product, Growth: Create MAU and SMAU dashboards => 0%
        K(61, 0.25), // Director of Product, Growth: execute and analyze 4 growth experimen => 25%
        K(61, 0.275), // Director of Product, Growth: increase SMAU 10% m/m. => 27.5%
      ]),
      O(62, [
        // Director of Product, Enablement: Become data-informed. = 0.535
        K(62, 1), // Director of Product, Enablement: Implement telemetry (usage and events) => 100%
        K(62, 0.33), // Director of Product, Enablement: track all events across GitLab.com and => 33%
        K(62, 0), // Director of Product, Enablement: track usage more robustly. => 0%
        O(63, [
          // PM, Memory: Ensure self-managed GitLab scales for  = 1.000
          K(63, 1), // PM, Memory: Prioritize memory issues. => 100%
        ]),
        O(64, [
          // PM, Fulfillment: Ensure customers can trial, purchase,  = 0.345
          K(64, 0.345), // PM, Fulfillment: Prioritize CustomersDot. => 34.5%
        ]),
      ]),
    ]),
    O(65, [
      // VP Product: Introduce new categories and improve t = 0.310
      K(66, 0.29), // Director of Product, Dev: Three from none to minimal, two from m => 29%
      K(67, 0.33), // Director of Product, CI/CD: One from none to minimal, five from mi => 33%
    ]),
    O(70, [
      // VP Product: Sell more CI runner minutes. = 0.440
      K(70, 0.44), // VP Product: Add another type of Linux consumption  => 44%
    ]),
    O(71, [
      // VP Eng: Build our product vision. = 0.654
      K(72, 0.85), // Development: Increase productivity. => 85%
      O(73, [
        // Development:  = 0.625
        O(74, [
          // Secure:  = 0.250
          K(75, 0.25), // Philippe Lafoucrière: Enable Secure Stage Third Party Integr => 25% (Detectify and SonarQube still ong
        ]),
        K(76, 1), // Gitter: Add automatic npm dependency updates t => 100%
      ]),
      O(77, [
        // Infrastructure: Make all user-visible services ready f = 0.550
        O(81, [
          // Delivery:  = 0.550
          K(82, 1), // Delivery: Streamline GitLab deployments on GitLa => 100%
          K(83, 0.5), // Delivery: Migrate GitLab.com registry to Kuberne => 50%
          K(84, 0.8), // Delivery: Complete GitLab codebase merge => 80%
          K(85, 0.4), // Delivery: Implement storage limits => 40%
          K(86, 0.05), // Delivery: Implement single object storage => 5%
        ]),
      ]),
      K(88, 0.94), // Quality: Make self-managed mission critical. => 94%
      K(89, 0.87), // Quality: Increase Engineering Productivity. => 87%
      O(100, [
        // Support: Improve the Customer Experience. = 0.622
        K(101, 0.85), // AMER-W: Improve the customer experience by dec => 85%
        K(102, 0.8), // Support Operations Specialist: Clean up SFDC -> Zendesk data sync to  => 80%
        K(103, 0.95), // Support Operations Specialist: Create plan to evolve our Customer Sat => 95%
        K(104, 0.33), // AMER-C: Strengthen Support's Skill Base. => 33%
        K(105, 0.5), // EMEA: Initiate a weekly CSAT feedback review => 50%
        K(106, 0.3), // EMEA: Add doc and issue search to Support po => 30%.
      ]),
      O(109, [
        // Support: Establish consistent escalation path o = 0.625
        K(110, 0.9), // AMER-E: Define roles & responsibilities betwee => 90%
        K(111, 0.9), // AMER-W: Rollout Support Stable Counterparts. => 90%
        K(112, 0.9), // Support Operations Specialist: Complete Federal support instance proc => 90%
        K(113, 0.2), // APAC: Establish consistent escalation path o => 20%
        K(114, 0.2), // APAC: Iterate on Incident Management for sel => 20%
        K(115, 0.3), // APAC: Improve quality of non-English ticket  => 30%
        K(116, 0.6), // AMER-C: Revamp Support Onboarding. => 60%
        K(117, 1), // AMER-C: Establish Americas Central team. => 100%
      ]),
      K(118, -0.012), // UX Director: Make GitLab the most usable DevOps pla => -1.2%
      O(119, [
        // UX Director: Make GitLab UX more strategic by basin = 0.816
        O(120, [
          // CI/CD UX Team: Elevate UX from reactive to strategic. = 0.470
          K(121, 0.47), // Staff Designer: Improve the quality and consistency of => 47%
        ]),
        K(122, 0.88), // Ops UX Team: Elevate UX from reactive to strategic  => 88%
        K(123, 0.88), // Dev UX Team: Elevate UX from reactive to strategic  => 88%
        K(124, 0.88), // Secure UX Team: Elevate UX from reactive to strategic  => 88%
        K(125, 0.88), // Growth UX Team: Elevate UX from reactive to strategic  => 88%
        K(126, 0.92), // Technical Writing Team: Make GitLab docs more complete, findab => 92%
        K(127, 0.8), // Technical Writing Team: Make sure we're proactively addressing => 80%
      ]),
    ]),
  ]),
  O(130, [
    // CEO: Great team. = 0.767
    O(216, [
      // VP Eng: Scale processes to accommodate a 500 p = 0.767
      K(220, 1), // Development: Hire to plan => 100%
      O(221, [
        // Development:  = 1.000
        O(222, [
          // Secure:  = 1.000
          K(223, 1), // Philippe Lafoucrière: Evaluate OWASP Sponsorship to improve  => 100%
        ]),
      ]),
      K(225, 0.8), // Quality: Increase maturity of Quality Departmen => 80%
      O(231, [
        // Support: Adopt capacity model with finance, and = 0.267
        K(232, 0.6), // AMER-W: Develop blended team model. => 60%
        K(233, 0.1), // AMER-E: Convert all current metrics to use FY  => 10%
        K(234, 0.1), // AMER-E: Review Support Engineering Onboarding  => 10%
      ]),
    ]),
  ]),
];
