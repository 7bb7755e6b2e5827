-- What was said at a session, or what a violation was, as the office wrote it ("Quán triệt Kế
-- hoạch số 16-KH/ĐUSCT…", "Nội dung vi phạm"): kept whole; topics and categories are found in it.
ALTER TABLE propaganda_session ADD COLUMN content TEXT;
ALTER TABLE violation ADD COLUMN content TEXT;
