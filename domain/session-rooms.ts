/** The rooms a mediation session is held in (会议室资源): 普通调解室, 视频调解室, 多功能厅. */
export const rooms = ['ordinary', 'video', 'hall'] as const;
export type Room = (typeof rooms)[number];
export const roomLabelsZh: Record<Room, string> = {
  ordinary: '普通调解室',
  video: '视频调解室',
  hall: '多功能厅',
};

/** A session's time as a text message says it, in China time: `12月3日 09:30`. */
export function sessionTimeZh(startsAt: Date): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(startsAt);
}

/** A booked session's reminder goes out this long before it starts (the day before). */
export const sessionReminderLeadMs = 24 * 60 * 60 * 1000;

/**
 * The reminder's SMS template (README: SMS payload):
 * 【飞速通】提醒：您在案件{caseNumber}中预约的调解将于{time}在{room}进行，请准时参加。
 */
export const sessionReminderTemplate = 'FST_SESSION_REMINDER';

/**
 * A party may cancel or move a booking online until this long before it starts (24 hours). The
 * centre's own policy, so that the mediator and the room can be offered to someone else; no law sets
 * it. Later, the party asks the mediator (留言) or phones the centre; staff may still cancel.
 */
export const partyBookingChangeCutoffMs = 24 * 60 * 60 * 1000;
