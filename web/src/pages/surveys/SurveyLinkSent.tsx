import { Alert, Text } from "@mantine/core";
import type { SurveyQueueItem } from "../../api/admin";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";

type Item = Pick<SurveyQueueItem, "surveyLinkSentAt" | "surveyLinkSentTo" | "surveyLinkFailed">;

/**
 * A survey-queue row's survey link: when it was last mailed and to whom, or that it could not be
 * delivered, so reception neither calls a client who has the survey by mail nor mails it twice unknowingly.
 */
export function SurveyLinkCell({ item }: { item: Item }) {
  const t = useT();
  if (!item.surveyLinkSentAt)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const at = formatDateTime(item.surveyLinkSentAt);
  return (
    <div data-testid="survey-link-sent" data-failed={item.surveyLinkFailed}>
      <Text size="sm" c={item.surveyLinkFailed ? "red" : undefined}>
        {t(item.surveyLinkFailed ? "survey.linkFailedAt" : "survey.linkSentAt", { at })}
      </Text>
      <Text size="xs" c="dimmed">
        {item.surveyLinkSentTo}
      </Text>
    </div>
  );
}

/** In the survey form: the link already mailed, before reception calls or mails it again. */
export function SurveyLinkNotice({ item }: { item: Item }) {
  const t = useT();
  if (!item.surveyLinkSentAt) return null;
  const params = { email: item.surveyLinkSentTo ?? "", at: formatDateTime(item.surveyLinkSentAt) };
  return (
    <Alert color={item.surveyLinkFailed ? "red" : "blue"} data-testid="survey-link-notice">
      {t(item.surveyLinkFailed ? "survey.linkFailedTo" : "survey.linkSentTo", params)}
    </Alert>
  );
}
