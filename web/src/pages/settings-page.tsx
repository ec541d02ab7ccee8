/** Fiscal calendar, periods, people and teams, users and roles, API tokens. */
import { useState } from "react";
import { useWorkspace } from "../session";
import { AllTokensSection } from "./settings/all-tokens-section";
import { CalendarSection } from "./settings/calendar-section";
import { ConnectionsSection } from "./settings/connections-section";
import { InviteSection } from "./settings/invite-section";
import { JobsSection } from "./settings/jobs-section";
import { MailChatSection } from "./settings/mail-chat-section";
import { PasswordSection } from "./settings/password-section";
import { PeopleAndTeams } from "./settings/people-section";
import { PeriodsSection } from "./settings/periods-section";
import { PublicSiteSection } from "./settings/public-site-section";
import { RemindersSection } from "./settings/reminders-section";
import { RollUpSection } from "./settings/roll-up-section";
import { SessionsSection } from "./settings/sessions-section";
import { StaleSection } from "./settings/stale-section";
import { TokensSection } from "./settings/tokens-section";
import { UserAccessSection } from "./settings/user-access-section";
import { UsersSection } from "./settings/users-section";
import { WebhooksSection } from "./settings/webhooks-section";

export function SettingsPage() {
  const workspace = useWorkspace();
  const admin = workspace.user.role === "admin";
  // Bumped when people or teams change, so the users' "is person" list and the chat webhooks'
  // teams show one added here at once.
  const [peopleVersion, setPeopleVersion] = useState(0);
  return (
    <section className="settings">
      <h1>Settings</h1>
      <nav aria-label="Settings sections" className="sub-nav">
        <button type="button" className="link-button" onClick={() => scrollToSection("calendar")}>
          Calendar
        </button>
        <button type="button" className="link-button" onClick={() => scrollToSection("roll-up")}>
          Roll-up
        </button>
        <button type="button" className="link-button" onClick={() => scrollToSection("periods")}>
          Periods
        </button>
        <button type="button" className="link-button" onClick={() => scrollToSection("people")}>
          People &amp; teams
        </button>
        {admin && (
          <button type="button" className="link-button" onClick={() => scrollToSection("users")}>
            Users
          </button>
        )}
        <button type="button" className="link-button" onClick={() => scrollToSection("tokens")}>
          API tokens
        </button>
        <button type="button" className="link-button" onClick={() => scrollToSection("sessions")}>
          Devices &amp; password
        </button>
        {admin && (
          <button type="button" className="link-button" onClick={() => scrollToSection("access")}>
            Sign-in access
          </button>
        )}
        <button type="button" className="link-button" onClick={() => scrollToSection("reminders")}>
          Reminders
        </button>
        {admin && (
          <button
            type="button"
            className="link-button"
            onClick={() => scrollToSection("mail-chat")}
          >
            Mail &amp; chat
          </button>
        )}
        {admin && (
          <button type="button" className="link-button" onClick={() => scrollToSection("jobs")}>
            Background work
          </button>
        )}
        <button type="button" className="link-button" onClick={() => scrollToSection("stale")}>
          Stale
        </button>
        {workspace.user.role !== "viewer" && (
          <button
            type="button"
            className="link-button"
            onClick={() => scrollToSection("connections")}
          >
            Connections
          </button>
        )}
        {admin && (
          <button type="button" className="link-button" onClick={() => scrollToSection("webhooks")}>
            Webhooks
          </button>
        )}
        <button
          type="button"
          className="link-button"
          onClick={() => scrollToSection("public-site")}
        >
          Public site
        </button>
      </nav>
      <CalendarSection editable={admin} />
      <RollUpSection editable={admin} />
      <PeriodsSection />
      <PeopleAndTeams
        editable={workspace.user.role !== "viewer"}
        onPeopleChanged={() => setPeopleVersion((v) => v + 1)}
      />
      {admin && <UsersSection peopleVersion={peopleVersion} />}
      <TokensSection />
      <SessionsSection onSignedOut={workspace.signOut} />
      <PasswordSection />
      {admin && <UserAccessSection selfId={workspace.user.id} />}
      {admin && <AllTokensSection />}
      <RemindersSection />
      {admin && <MailChatSection teamsVersion={peopleVersion} />}
      {admin && <InviteSection onInvited={() => setPeopleVersion((v) => v + 1)} />}
      {admin && <JobsSection />}
      <StaleSection editable={admin} />
      {workspace.user.role !== "viewer" && <ConnectionsSection editable={admin} />}
      {admin && <WebhooksSection />}
      <PublicSiteSection editable={admin} />
    </section>
  );
}

function scrollToSection(id: string) {
  const target = document.getElementById(id);
  target?.scrollIntoView();
  target?.querySelector<HTMLElement>("h2")?.focus();
}
