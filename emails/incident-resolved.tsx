import { NoticeEmail, type NoticeEmailProps } from './components/notice-email';
import { previewProps } from './components/preview';

/** Sent for incident_resolved; the view (title, facts, words) comes from the message's payload snapshot. */
export default function IncidentResolvedEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

IncidentResolvedEmail.PreviewProps = previewProps('incident_resolved');
