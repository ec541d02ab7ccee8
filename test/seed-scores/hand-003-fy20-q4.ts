/**
 * Seed 003, GitLab FY20-Q4 (November 2019–January 2020), scored by hand from the page's own outcomes.
 * Written from the page, line by line: K(line, value) is a key result's outcome (`=> 94%` is
 * 0.94, `Done`/`ACHIEVED` 1, `MISSED` 0); O(line, [...]) an objective and what is scored
 * beneath it (its key results, then the objectives aligned under it); S(line, status) an
 * objective with nothing scored beneath it whose own outcome says done (1) or missed (0).
 * Lines without an outcome are not scored and are left out. Each objective is the mean of its
 * parts, at most 1; the quarter is the mean of the top-level objectives.
 * Top-level objectives: 0.788, 0.747, 0.892; quarter = 0.8088.
 */
import { K, O, type Part, S } from "./hand.js";

export const QUARTER_003 = 0.8088;

export const HAND_003: Part[] = [
  O(9, [
    // CEO: IACV = 0.788
    O(11, [
      // CRO: Build strong FY21 pipeline. = 0.849
      O(14, [
        // VP, Field Ops: Instrument systems and programs to int = 0.979
        O(22, [
          // Director of Sales Enablement: Develop certification ROE and processe = 1.000
          K(23, 1), // Director of Sales Enablement: Target 90%+ completion of certificatio => 100% completion
          K(24, 1), // Director of Sales Enablement: Verify manager engagement and support => 100% sales manager engagement and supp
        ]),
        O(26, [
          // Director of Sales Enablement: Improve operational excellence around  = 0.958
          K(27, 0.875), // Director of Sales Enablement: Successfully execute strategic opportu => 7 of 8 opportunity consults (8th decid
          K(28, 1), // Director of Sales Enablement: Effectively deliver 2-day CoM & MEDDPI => Done. Delivered 2-day CoM & MEDDPICC w
          K(30, 1), // Director of Sales Enablement: 95%+ sales participant completion of c => Done. 100% completion of 13-week Fast
        ]),
      ]),
      O(37, [
        // VP Alliances: Broaden addressable user base through  = 0.667
        K(38, 0.8), // VP Alliances: AWS Re:invent GitLab visibility (5 ses => 80% (4 AWS sessions and 6 with other p
        K(39, 1), // VP Alliances: Kubecon 14 Top Kubernetes partners wit => 100%
        K(40, 0.2), // VP Alliances: Launch partner marketing campaign. => 20%
      ]),
      O(41, [
        // VP Alliances: Deliver GitLab as part of our partner’ = 0.750
        K(43, 0.5), // VP Alliances: Double lead flow from key alliance par => 50%
        K(44, 1), // VP Alliances: Deliver first GitLab session at Dreamf => done
      ]),
      O(45, [
        // VP Alliances: Build tighter partner integrations wit = 1.000
        K(48, 1), // VP Alliances: Establish shared technical roadmap wit => done
      ]),
    ]),
    O(49, [
      // CRO: Ensure public company readiness. = 0.826
      O(60, [
        // VP Field Ops: Align GTM goals and optimize reporting = 0.800
        O(62, [
          // Sr Manager of Sales Strategy: Partner with GTM Sales/Marketing Metri = 0.800
          K(63, 0.8), // Sr Manager of Sales Strategy: Launch Periscope dashboard. => 80%
        ]),
      ]),
      O(69, [
        // Customer Success: Restructure handbook to align GitLab o = 0.851
        O(72, [
          // TAM: Complete onboarding processes. = 1.000
          K(74, 1), // TAM: 2 digital content assets. => Complete
        ]),
        O(76, [
          // TAM: Improve engagement approaches for key  = 1.000
          K(77, 1), // TAM: Processes for each 3. => Complete
          K(78, 1), // TAM: 2 Templates (EBR and reviews). => Complete
          K(79, 1), // TAM: Enablement for 90% of CSMs. => Complete
        ]),
        S(84, "done"), // CS Ops: Implement time-to-value reporting for
        O(94, [
          // PS Solutions: Develop plans for future operational a = 0.750
          K(95, 0.75), // PS Solutions: Revenue model created with finance. => 75% complete.
          K(96, 1), // PS Solutions: Customer survey and feedback reports c => 100% complete.
          K(97, 0.5), // PS Solutions: New service offering plan created for  => 50% complete
        ]),
        O(102, [
          // PS Solutions: Complete end-to-end process to streaml = 0.833
          K(103, 1), // PS Solutions: End-to-end process streamlined. => 100%
          K(104, 0.5), // PS Solutions: Control models updated. => 50% complete
          K(105, 1), // PS Solutions: 100% of process steps and approvals do => 100% complete
        ]),
        O(106, [
          // PS Delivery: Improve repeatability and quality of s = 0.375
          K(107, 0.25), // PS Delivery: Close backlog older than 120 days. => 25% complete, Identified path to signo
          K(109, 0.5), // PS Delivery: Expectations management training deliv => 50% complete, Content developed, deliv
        ]),
        O(110, [
          // PS Education: Develop modular "GitLab Total Product  = 1.000
          K(111, 1), // PS Education: Update existing training. => 100% complete
          K(112, 1), // PS Education: Develop content for 1 complete product => 100% complete
        ]),
      ]),
    ]),
    O(113, [
      // VP of Engineering: Enterprise-grade GitLab.com = 0.888
      O(117, [
        // Sr Director of Development:  = 0.837
        S(123, "done"), // Interim Director of Engineering, CI/CD: Get CI queue times (p95) under 1 min
        O(124, [
          // Interim Director of Engineering, CI/CD: Meet enterprise customer expectations  = 0.807
          K(125, 0.76), // Interim Director of Engineering, CI/CD: Overall section monthly throughput (MR => 76%
          K(126, 0.66), // Interim Director of Engineering, CI/CD: Track all planning priority issues and => 66%
          K(127, 1), // Interim Director of Engineering, CI/CD: Maintain current developers to maintai => 100%
        ]),
        O(130, [
          // Interim Director of Engineering, Ops: Meet enterprise customer expectations  = 0.540
          K(131, 0.08), // Interim Director of Engineering, Ops: Overall section monthly throughput (MR => +8% increase in section MR rate quarte
          K(132, 1), // Interim Director of Engineering, Ops: Track all planning priority issues and => 100%
        ]),
        K(145, 1), // Fellow: Identify and deliver 3 key improvement => 100%
      ]),
      O(150, [
        // Director of Quality: Improve GitLab Enterprise features rob = 0.940
        K(151, 0.82), // Director of Quality: Finish all planned enterprise test gap => 82%
        K(152, 1), // Director of Quality: Perform upgrade tests with no downtime => 100%
        K(153, 1), // Director of Quality: Certify 2K reference architecture => 100%
      ]),
    ]),
    O(187, [
      // CFO: Improve financial planning processes t = 0.588
      K(188, 0.5), // Finance: Single source of truth for hiring proc => 50% Talent Acquisition Working Group
      K(189, 1), // Finance: Complete financial model from top of f => 100%
      K(190, 0), // Finance: Version control for financial model th => 0% Moving to a financial planning tool
      K(191, 0.85), // Finance: Automate 100% of Investor Metrics in P => 85%
    ]),
  ]),
  O(193, [
    // CEO: Popular next generation product = 0.747
    O(195, [
      // VP of Product Strategy: Get strategic thinking into the org. = 1.000
      K(196, 2), // VP of Product Strategy: Secure section strategy review => 200%.
      K(197, 0), // VP of Product Strategy: Produce strategy visuals => 0%.
    ]),
    O(198, [
      // VP of Product Strategy: Get acquisitions into shape; build a w = 1.000
      K(199, 0.1), // VP of Product Strategy: Build soft-landing identification soft => 10%
      K(200, 15), // VP of Product Strategy: Identify 1000 acquisition targets => 1500%.
    ]),
    O(201, [
      // VP of Product Strategy: Lay groundwork for strategic initiativ = 0.200
      K(202, 0.2), // VP of Product Strategy: Research 5 strategic initiatives => 20%.
    ]),
    O(210, [
      // VP of Engineering: Raise productivity thru iteration with = 0.789
      O(212, [
        // Sr Director of Development: Deliver on our product vision by being = 1.000
        K(213, 1), // Sr Director of Development: Raise MRs/Developer/Month from 8 to 10 => 100%
        K(214, 1), // Sr Director of Development: Organize interview with Sid about how  => 100%
        K(215, 1), // Sr Director of Development: Section level reporting on MR Rate wit => 100%
      ]),
      O(218, [
        // Director of Quality: Increase Engineering efficiency and pr = 0.767
        K(219, 1), // Director of Quality: Increase GitLab review app success rat => 100%
        K(220, 0.4), // Director of Quality: Reduce regression suite run time in th => 40%
        K(221, 0.9), // Director of Quality: Provide stage specific reporting mecha => 90%
      ]),
      K(232, 0.6), // Fellow: Finish documenting architecture and id => 60%
    ]),
  ]),
  O(262, [
    // CEO: Great team = 0.892
    O(268, [
      // Chief People Officer: Support an environment where all team  = 1.000
      K(270, 1), // Chief People Officer: Training modules rolled out: at least  => Completed.
    ]),
    O(276, [
      // Chief People Officer: Team members understand the value of t = 1.000
      K(277, 1), // Chief People Officer: Annual comp review with updated locati => 100%, Annual Compensation Review compl
      K(278, 1), // Chief People Officer: Measure and ensure gender pay equity. => 100%, Audit complete for US. Next iter
      K(279, 1), // Chief People Officer: Ensure competitive benefits offerings  => 100% on new entities, not measurable o
    ]),
    O(280, [
      // CRO: Implement an efficient and effective h = 1.000
      K(282, 1), // VP Field Ops: Provide metrics to leverage Talent mod => Completed.
      K(283, 1), // VP Field Ops: Keep Manager Span of Control (equal to => Completed.
    ]),
    O(289, [
      // VP of Engineering: Provide mentorship/coaching at every l = 0.667
      O(309, [
        // Director of Quality: Scale Quality Engineering to all produ = 0.667
        K(310, 1), // Director of Quality: Hire 2 Quality Engineering Managers. => 100%
        K(311, 1), // Director of Quality: Hire 4 Test Automation Engineers. => 100%
        K(312, 0), // Director of Quality: Hire 1 Engineering Productivity Engine => 0%
      ]),
    ]),
    O(326, [
      // CFO: Issue Financial Statements and Improve = 0.850
      K(327, 0.9), // Controller: Achieve 12 day close by Q4 FY 2020, an => 90%
      K(328, 0.8), // Principal Accounting Officer: No material adjustments in audit; no m => 80%
      K(329, 1), // Accounts Payable: Complete Tipalti implementation => 100%
      K(330, 0.85), // Payroll: HR data integration between Bamboo/ADP => 85%
      K(331, 0.5), // Payroll: Proposal to replace Expensify => 50% (User dissatisfaction with Concur)
      K(332, 0.9), // PAO/Revenue: Complete retrospective review of Reven => 90%
      K(333, 0.95), // Controller: Propose vendor and implementation plan => 95%
      K(334, 0.9), // PAO: No material weaknesses identified by A => 90% (internal controls work not finali
    ]),
    O(350, [
      // CFO: Maintain corporate tax compliance whil = 0.833
      K(351, 1), // Director of Tax: Deliver Global VAT review => 100%
      K(352, 0.5), // Director of Tax: Propose optimized tax structure for su => 50%
      K(353, 1), // Director of Tax: Analysis on taxation of RSU’s => 100%
    ]),
  ]),
];
