// What other modules may use of notify: in-app notifications, the mail outbox, exactly-once notices.
export { areaAdmins, deliverOutbox, mailConfigured, notifyOnce, notifyUsers, queueMail, unitUsers, unreadCount, type Notice } from './notify.js';
export { contactsOfArea, markNotificationsRead, notificationsOf, outboxOfArea, setContact } from './notify.js';
