import { NoticeEmail, type NoticeEmailProps } from './components/notice-email';
import { previewProps } from './components/preview';

/** Sent for maintenance_reminder; the view (title, facts, words) comes from the message's payload snapshot. */
export default function MaintenanceReminderEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

MaintenanceReminderEmail.PreviewProps = previewProps('maintenance_reminder');
