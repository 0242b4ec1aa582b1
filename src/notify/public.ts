// What other modules may use of notify: in-app notifications, the mail outbox, exactly-once notices.
export { areaAdmins, deliverOutbox, mailConfigured, mailStatus, notifyOnce, notifyUsers, queueMail, queueMailOnce, unitUsers, unreadCount, type Notice } from './notify.js';
export { contactsOfArea, markNotificationsRead, notificationsOf, outboxOfArea, setContact } from './notify.js';
