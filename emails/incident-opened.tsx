import { NoticeEmail, type NoticeEmailProps } from './components/notice-email';
import { previewProps } from './components/preview';

/** Sent for incident_opened; the view (title, facts, words) comes from the message's payload snapshot. */
export default function IncidentOpenedEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

IncidentOpenedEmail.PreviewProps = previewProps('incident_opened');
