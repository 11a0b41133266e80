import { NoticeEmail, type NoticeEmailProps } from './components/notice-email';
import { previewProps } from './components/preview';

/** Sent for maintenance_changed; the view (title, facts, words) comes from the message's payload snapshot. */
export default function MaintenanceChangedEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

MaintenanceChangedEmail.PreviewProps = previewProps('maintenance_changed');
