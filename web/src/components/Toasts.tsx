// The toasts' styles, loaded with them rather than before the first screen.
import "@mantine/core/styles/Notification.layer.css";
import "@mantine/notifications/styles.layer.css";
import { Notifications } from "@mantine/notifications";

/** The toast container; toasts shown before it loads wait in Mantine's store and appear when it mounts. */
export default function Toasts() {
  return <Notifications position="bottom-right" autoClose={3500} limit={3} />;
}
