import { NoticeEmail, type NoticeEmailProps } from './components/notice-email';
import { previewProps } from './components/preview';

/** Sent for maintenance_cancelled; the view (title, facts, words) comes from the message's payload snapshot. */
export default function MaintenanceCancelledEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

MaintenanceCancelledEmail.PreviewProps = previewProps('maintenance_cancelled');
