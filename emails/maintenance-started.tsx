import { NoticeEmail, type NoticeEmailProps } from './components/notice-email';
import { previewProps } from './components/preview';

/** Sent for maintenance_started; the view (title, facts, words) comes from the message's payload snapshot. */
export default function MaintenanceStartedEmail(props: NoticeEmailProps) {
  return <NoticeEmail {...props} />;
}

MaintenanceStartedEmail.PreviewProps = previewProps('maintenance_started');
