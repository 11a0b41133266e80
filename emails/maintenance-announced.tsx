import { NoticeEmail, type NoticeEmailProps } from './components/notice-email';
import { previewProps } from './components/preview';

/** Sent for maintenance_announced; the view (title, facts, words) comes from the message's payload snapshot. */
export default function MaintenanceAnnouncedEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

MaintenanceAnnouncedEmail.PreviewProps = previewProps('maintenance_announced');
