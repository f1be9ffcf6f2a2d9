package io.memnun.survey;

/**
 * Who may answer a published survey version. A survey whose answers score departments should be answered by those it
 * asks: a customer whose feedback closed, a campaign's recipients. Taking answers from anyone who knows its id would
 * let anybody fill it in as often as they like.
 */
public enum SurveyAccess {
    /**
     * Only through personal invitation links (after closing, campaigns), each answered once. The default:
     * {@code SurveyDesk.respondOpenly} refuses such a survey.
     */
    INVITATION_ONLY,
    /**
     * Also without a link, by anyone ({@code SurveyDesk.respondOpenly}: a kiosk in the lobby, a public page). Links
     * issued to it work as well.
     */
    OPEN
}
