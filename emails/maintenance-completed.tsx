import { NoticeEmail, type NoticeEmailProps } from './components/notice-email';
import { previewProps } from './components/preview';

/** Sent for maintenance_completed; the view (title, facts, words) comes from the message's payload snapshot. */
export default function MaintenanceCompletedEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

MaintenanceCompletedEmail.PreviewProps = previewProps('maintenance_completed');
