import { NoticeEmail, type NoticeEmailProps } from './components/notice-email';
import { previewProps } from './components/preview';

/** Sent for incident_updated; the view (title, facts, words) comes from the message's payload snapshot. */
export default function IncidentUpdatedEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

IncidentUpdatedEmail.PreviewProps = previewProps('incident_updated');
