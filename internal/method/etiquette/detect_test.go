package etiquette

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// Sentences written while building the detector, beyond the corpus: each
// job ask and resume offer in its own words, and clean sentences that talk
// about jobs, hiring and resumes as information or negate them.
var (
	jobAskSentences = []string{
		"Could you add me to your roster of freelance editors?",
		"I'd jump at the chance to audition for your company's understudy list.",
		"Vielleicht kann ich ein Praktikum bei euch machen? Or maybe a Praktikum in your lab next summer?",
		"I realise your lab isn't recruiting this year, but once it is, please keep me in mind.",
		"Is your team planning to grow this year? I'd be very interested in being part of it.",
		"Your studio's museum work is wonderful. I'd really like to join them one day.",
		"Do you ever take on apprentices? I'd apply the moment you did.",
		"I'm hoping our call might lead to a role with you someday.",
		"I'd love to find room on your team.",
		"I've applied for the coordinator post and hope you might nudge my application toward the hiring team.",
		"Should a vacancy arise, I would be grateful to be borne in mind.",
		"Would you put my name forward?",
		"If your crew ever needs a helper I can show up ready to work.",
		"I'd be happy to take some freelance pieces off your plate.",
		"I'd even work unpaid for two weeks so you can see whether I'd be a good fit.",
		"I'm throwing my hat in the ring for the analyst opening.",
		"I could start Monday if you need anyone.",
		"hmu if anything opens up on your team",
		"I am searching a position in your company.",
		"If your company need a junior engineer, please think about me.",
		"Is there any chance of a place in your program next year?",
		"Would you support my application?",
		"Could you let the recruiter know about me?",
		"I would jump at the chance to work with your team.",
		"Please let me know if there are any openings.",
		"If you ever have an opening for a junior designer, I'd love to hear about it.",
		"I'm available for contract work whenever you need.",
		"Could you introduce me to your hiring manager?",
		"Any chance you're hiring this summer?",
		"I'm hoping to get my foot in the door at your firm.",
		"I would welcome the chance to be considered for your graduate scheme.",
		"Do you know anyone on your team who is hiring?",
		"I'd love to be part of your team.",
		"Could I shadow you as a trial day, maybe it turns into a job?",
		"I'm hoping to land a job at your company.",
		"Would your firm take on an intern this summer?",
		"I'd be grateful for any leads on openings at your agency.",
		"If a spot ever frees up in your kitchen, I'd be first in line.",
		"Should your department be recruiting later this year, I would welcome the chance to apply.",
		"I would be grateful if you could forward my details to whoever handles recruitment.",
		"Might there be an opening for a graduate like me in your lab?",
		"Do you think your company might have a place for someone with my background?",
		"If there's ever a need for a part-time bookkeeper, I'm your person.",
		"Would your team consider taking me on as an apprentice?",
		"i could help out on weekends if u need anyone",
		"Is your agency looking for junior copywriters right now?",
		"I'm keen to join a firm like yours, so please keep me posted if anything comes up.",
		"Ideally I'd end up working under you.",
		"Any way you could pass my info to the hiring manager?",
		"I've sent in my application for the data analyst role on your team.",
		"I'd be thrilled to be considered for the fellowship at your organization.",
		"Maybe there is job for me in your company?",
		"I am looking job in your hospital.",
		"please tell me if your firm have vacancy for me",
		"Let me know if you hear of anything that might suit me.",
		"I wonder if you could recommend me to your manager.",
		"If you need an extra pair of hands at the clinic, just call me.",
		"Do you have internships for high school students?",
		"Happy to do a paid trial week if that helps you decide.",
		"Could you connect me with someone in talent acquisition?",
		"I saw the posting for a designer on your site. Could you put in a word?",
		"There's an opening on your team, I believe. I'd love to be considered.",
		"I saw you're hiring. Any chance I could apply?",
		"I noticed the junior analyst opening. Would you consider me?",
		"Your studio posted an internship last week. I've applied and would be grateful for any help.",
		"If you need someone for the summer season, I'm available.",
		"I'd gladly start as a volunteer if it could lead to a paid role later.",
		"Please pass my contact details to your HR team.",
		"Would you mind flagging my application to the recruiter?",
		"Should any vacancies come up, I'd appreciate a heads-up.",
		"Do give me a shout if the company is recruiting.",
		"My goal is to work at a firm like yours, and I hope you can help me get there.",
		"I'd be glad to help out at the shop on Saturdays if you ever need it.",
		"Is your restaurant taking on any kitchen staff?",
		"I'm ready to relocate tomorrow if you have a spot.",
		"I'm reaching out in hopes of securing a position with your organization.",
		"I would like to apply for a job in your company.",
		"Could you send my name to whoever hires for the warehouse?",
		"I am very interesting to work in your bank.",
		"If your lab has funding for a research assistant next year, I'd be thrilled to be considered.",
		"I'm hoping there might be a chance to intern at your firm.",
		"I'd love to come work for you guys.",
		"I am confident that my skills would make me a valuable member of your team.",
		"I look forward to discussing how I can contribute to your organization.",
		"I am excited to apply for the role.",
		"Thank you for considering my application.",
		"I should be most grateful if you would bear me in mind for any future vacancies.",
		"Were a post to become available, I would welcome the opportunity to be considered.",
		"hmu if ur hiring",
		"lmk if there's any work going",
		"shoot me a dm if anything pops up on your team",
		"I'm transitioning out of the Army and looking to land with a company like yours.",
		"If your unit is short-staffed I can pick up per diem shifts.",
		"Is there any possibility of a placement with your practice next summer?",
		"Could you let me know if your company is hiring interns?",
		"I'm eager to bring my skills to your team.",
		"Would you be willing to refer me for the open role?",
		"My hope is that this could lead to a position with your team.",
		"I would really like to work with you at the lab.",
		"I'm writing to ask if your organisation offers work placements.",
		"If there is a vacancy in your department, please consider my candidacy.",
		"Would you take a look at my application for the nursing residency at your hospital?",
		"kinda hoping u guys r hiring lol",
		"Any openings for a bilingual paralegal at your office?",
		"I'd love to help your team with the backlog, even for free.",
		"I wondered whether your chambers might be taking pupils next year.",
		"Should your practice find itself in need of an assistant, I would be delighted to hear from you.",
		"I'd be grateful if you could let me know of any suitable openings.",
		"Please do mention me to your partners if a junior post comes up.",
		"And, um, if you guys are ever short a server on weekends, I'm your girl.",
		"yo if the shop needs another set of hands this summer im down",
		"Would there be any chance of some work experience with your team?",
		"I'm keen to get my career started at a firm like yours.",
		"Would you consider taking on a graduate like me?",
		"I'd welcome the chance to prove myself on your crew.",
		"Could you keep me posted about any vacancies on the ward?",
		"Is the hospital hiring new grad nurses, do you know?",
		"Happy to help with any overflow cases at your practice.",
		"I'm open to any role at your company, even entry level.",
		"If you're looking for a part-timer, I'd be keen.",
		"I'd really appreciate it if you could pass my CV to the right person.",
		"Please find my CV attached; I'm keen to be considered for any openings.",
		"Could you possibly put me in touch with your recruiting team?",
		"My dream is to work at your company one day.",
		"Thanks again! If you hear of anything, let me know.",
		"any chance ur team needs a junior lol",
		"DM me if you're hiring.",
		"If you ever need volunteers, count me in.",
		"I'm not here to ask for a job, but if you ever need a hand, I'm available.",
		"Do you have room in your budget for a part-time analyst?",
		"I'd love to land an internship at your firm next summer.",
		"I'm hoping for a job with your team.",
		"If you think I'd suit one of your analyst slots, I'd be grateful if you kept me in mind.",
		"Do you think I might fit on your crew one day?",
		"If a new cohort is picked, please keep my name in the mix.",
		"I'd love to stay in the running if your team grows.",
		"Should your clinic ever have spare shifts you'd like covered, I'd happily take them on.",
		"If your shop ever has backlog tasks to clear, I'm glad to do them.",
		"if you hear of anything coming up in the lab, i'd love to know",
		"If the bakery ever wants a weekend helper, I'd be glad to show up.",
		"Whenever Northwind wants another tester, I'd happily sign on.",
		"I'd welcome the chance to interview for the role you mentioned.",
		"I'd love to interview for it if the posting is still open.",
		"I'd welcome a chance to prove myself at Hollowell.",
		"I'd love to prove myself on the team.",
		"If you ever want to test me on a small brief, I'd jump at it.",
		"Would you give me a shot on the line some weekend?",
		"If there's ever a desk free in your newsroom, I'd be glad to fill it.",
		"Happy to be your first call if a maternity cover comes up.",
		"I'd be over the moon to be considered for anything on your team.",
		"Is there any way to get an interview at your firm?",
		"I'd be grateful if you could pass my portfolio to your creative director.",
		"Would your lab have a bench for a summer student like me?",
		"If anything in your department would fit my profile, I'd appreciate a heads-up.",
		"Let me know if you'd ever consider a part-timer.",
		"I would be honoured to be shortlisted.",
		"Could I come in for a trial shift?",
		"I'd love to be your next intern.",
		"If you're ever short a deckhand, I'm around all summer.",
		"I'd love to know if there's a way in at Harbor & Pine.",
		"I've put in for the coordinator vacancy and wondered if you could say a word to the panel.",
		"I'm writing to express my interest in the analyst position.",
		"I would be very glad if your company could give me opportunity.",
		"I'm happy to help with any grunt work your team has going.",
		"I'd love to be on the crew when the season starts.",
		"I'd love a chance to show you what I can do on a real brief.",
		"I'd love to apprentice under you.",
		"I'm applying to the graduate scheme at Harrowgate and would value any tips on getting noticed by the panel.",
		"If your team has budget for a contractor this quarter, I'm available.",
		"I would be thrilled to join Orla & Co. in any capacity.",
		"Would you be comfortable recommending me to Jonas for the summer role?",
		"Thank you for the interview yesterday. If the internship you mentioned is still open, I'd love to apply.",
		"Thanks for meeting me. I've since applied for the junior role you mentioned and would be grateful for a word with Priya.",
		"If the opportunity to join Halden Labs ever came up, I wouldn't hesitate.",
		"Is the junior designer post still open?",
		"It would be amazing if you could help me get in at Marlow.",
		"If you ever need backup on a shoot, I'm one text away.",
		"Happy to jump on any freelance edits you've got.",
		"If your firm were ever looking for a paralegal, I'd be very interested.",
		"I'd love to talk about joining your team.",
		"Could we talk about me joining your practice after I qualify?",
		"Should a chair become free in your salon, I'd love first refusal.",
		"If there's a desk going spare at the paper, I'd happily fill it.",
		"I'm flexible on pay if your team could use an extra analyst.",
		"I'm keen to get into your line of work and would gladly start at the bottom at your firm.",
		"I think I could bring real value to your team as a data analyst.",
		"If your crew ends up short a pair of hands this summer, I can be there the next morning.",
		"Should your firm ever grow its analytics team, I'd be first in line.",
		"If you ever have translation overflow you need handed off, I'm available.",
		"I'd be glad to show what I can do on a trial piece.",
		"How would someone like me get onto your shortlist for the spring residency?",
		"I'd love to be part of what you're building.",
		"would love to apprentice under you one day",
		"Happy to cook for you a few nights, no pay needed.",
		"You farm out some editing in the busy months; I'd welcome the chance to take on any overflow.",
		"If you ever find yourselves needing another pair of eyes on the grant reports, I'd jump at it.",
		"Should the lab take on a tech this fall, I hope my name might come up.",
		"I'd be thrilled to get a foot in the door with your team in any role.",
		"Is there any way I could tag along on a job and earn my keep?",
		"If your shop ever wants a second pair of hands on Saturdays, I'm your guy.",
		"Would your practice ever consider bringing on a newly licensed PT?",
		"If there's room for one more on the crew next season, I'd love to be considered.",
		"Please feel free to forward my details to whoever handles hiring.",
		"I wonder whether you might mention me to the person running the graduate scheme.",
		"Could you let me know when applications open for the summer program at your firm?",
		"I would be honoured to work alongside you.",
		"If you need a sous chef for the new location, I'd love to throw my name in.",
		"I'd be grateful for an introduction to your hiring manager.",
		"Let me know if your team has capacity for a junior designer.",
		"If it helps, I'm free to start right away.",
		"I'd be happy to do a small test edit for free so you can judge my work.",
		"Any chance the newsroom needs a stringer in the valley?",
		"i'd honestly do anything to work at your studio lol",
		"If a vacancy comes up in your department, I'd be very keen to hear about it.",
		"I'm hoping you could put me forward for the apprenticeship.",
		"Could I send you a few writing samples in case you're looking for contributors?",
		"Do you take on interns over the summer? I'd love to be one.",
		"My dream would be to join the conservation team you lead.",
		"If Marlow Design ever needs a part-time illustrator, please keep me in the loop.",
		"I'll be in town all summer and available for any shifts you can spare.",
		"I'd welcome the opportunity to contribute to your lab as a research assistant.",
		"Happy to help with any grunt work in exchange for experience.",
		"Would you be open to me shadowing a shift and pitching in where I can, maybe as a trial?",
		"I'd love to be on your radar for the next cohort.",
		"If your firm is hiring paralegals, I'd appreciate knowing.",
		"Could you tell your manager about me?",
		"Do you think there might be a place for me at the bakery?",
		"I'd be so grateful if you'd consider me for the seasonal ranger post.",
		"Ps if you ever need a hand with the garden design side of things, give me a shout",
		"I'd be eager to join you as an apprentice once I finish my course.",
		"I'd love to have the chance to interview with your team.",
		"Would you be able to refer me internally for the analyst role?",
		"I can work weekends if your team is short-staffed.",
		"Count me in if you ever need extra help at the market stall.",
		"Should the studio ever be on the lookout for a junior colourist, I'd be over the moon.",
		"If a chair opens at the salon, I'd love dibs.",
		"i know ur team is stretched thin rn so if u want an extra set of hands im around all summer",
		"Perhaps there might be some small role for me in your organisation in the future?",
		"I am searching for work as an electrician and your company is very famous, maybe you have place for me.",
		"I'd love nothing more than to learn the trade under you as your apprentice.",
		"If you know of any openings, I'd be thankful for a heads up.",
		"If anyone on your team is ever looking to offload some bookkeeping, I could take that on.",
		"Would it be possible to be considered for the fellowship you run?",
		"I'm ready to hit the ground running whenever you need someone.",
		"Could you pass my portfolio along to the art director?",
		"I'd be delighted to be part of your team in any capacity.",
		"It would mean the world to get a chance to prove myself at the paper.",
		"Do keep me in mind for anything seasonal.",
		"Is there any possibility of a placement with your unit next year?",
		"I'm keen to put my skills to use at Harrow & Finch.",
		"I'd really like to come work for you once I've graduated.",
		"Might you have any paid work for a retired engineer?",
		"If the hospital ever needs per-diem interpreters, I'd be glad to be on the list.",
		"If it ever makes sense, I'd love to freelance for your agency.",
		"I could be an asset on your next dig.",
		"Any chance you'd let me assist on a shoot sometime?",
		"If you're ever short a driver, you've got my number.",
		"Please don't hesitate to reach out if a position opens.",
		"Would you be able to connect me with whoever manages your graduate trainee scheme?",
		"Any leads at your firm would be a huge help.",
		"Any job leads would mean the world to me right now.",
		"I'd gladly file paperwork for you a few hours a week while I learn the ropes.",
		"Is there a possibility for me to volunteer at your shelter this summer?",
		"Would there be a chance for me to do a practicum in your lab?",
		"Is there a chance for me to work in your clinic?",
		// Implied asks (written for entry 6's failures, in new words): a start
		// date offered, bidding for the reader's work, work handed to the
		// writer, materials dropped off in case they are looking, a formal
		// candidature, a wish to work at a place like theirs, any capacity.
		"I finish my apprenticeship in March and can start immediately after.",
		"I'm free from June and could start anytime.",
		"I'm done with exams on the 12th and could start the following Monday.",
		"i finish my course in june and can start straight after lol",
		"If your shop ever farms out welding jobs, I'd love a crack at one.",
		"I'd welcome the opportunity to tender for your next fit-out.",
		"I'd love to bid on your next remodel.",
		"I'd love a shot at pitching to your editors.",
		"I'd jump at the chance to quote on your next kitchen refit.",
		"Maybe you could throw some projects my way?",
		"Could you maybe pass some of your overflow cases to me?",
		"If ur crew ever has too much on, send some my way!",
		"Perhaps you could give me a few shifts at the bakery?",
		"I would be very happy if you can give me some job in your restaurant.",
		"I could drop off my portfolio at your office in case you need an illustrator.",
		"I'll leave my CV with your receptionist in case a position comes up.",
		"I'm attaching my résumé in case your team is growing.",
		"Happy to leave my portfolio with your front desk in case the studio is hiring this summer.",
		"I kindly request you to consider me for the junior engineer vacancy.",
		"Kindly treat this letter as my application for the trainee position.",
		"I am writing to offer my candidature for any suitable opening in your organisation.",
		"I beg to submit my candidature for the post of junior accountant.",
		"I wish to work at your studio someday.",
		"It has always been my dream to work for a firm like yours.",
		"Working at your agency would be a dream come true.",
		"Interning with your team next summer would be an absolute dream.",
		"I'd be glad to support your lab in any capacity while I'm in Lisbon.",
		"I'm relocating to Porto and would happily contribute to your group in whatever capacity helps.",
		"I'm relocating to Lisbon and would be delighted to join your institute in any capacity.",
		"I'd happily muck in at the lab in any capacity once I've moved to Lisbon.",
		"I'd be keen to be involved with your group in any capacity.",
		"If your lab has any capacity for a postdoc next year, I'd be thrilled to hear about it.",
		"Is there any capacity in your lab for a visiting researcher this spring?",
	}
	notJobAskSentences = []string{
		"Could you add me to your mailing list for the newsletter?",
		"How did you get added to your firm's panel of experts?",
		"Your firm isn't hiring, but when it is, I'd love to hear how you choose people.",
		"I'm not asking for a job, but I'd love to hear how you got yours.",
		"Your team just launched a new app. I'd love to hear what it was like to be part of it.",
		"Your lab runs an outreach program. I'd love to hear how students become part of it.",
		"I've become curious about recruiting as a career.",
		"I'll be applying to two graduate programmes next year thanks to your advice.",
		"Does your lab take summer interns? I'm curious how students usually find those programs.",
		"Does your lab take summer interns? I would apply that advice to my own search.",
		"I'd love to hear how you landed your first job.",
		"What do entry-level jobs look like in your field?",
		"How do people usually land internships in publishing?",
		"I'm not asking about a position; I only want to learn.",
		"My current role is in retail, and I'd love 20 minutes of your time.",
		"I'm curious how hiring works at small studios.",
		"I work as a nurse and I'm hoping to learn about informatics.",
		"I'd love to hear what you look for when hiring juniors.",
		"Would a short call next week work for you?",
		"If anything comes up and you need to reschedule, just let me know.",
		"I'm applying to MPH programs and would value your advice.",
		"I interned at a small firm last summer, which taught me a lot.",
		"I'm happy to work around your schedule.",
		"If you need another time, that's fine.",
		"I'd love to know what skills hiring managers value.",
		"I'm not looking for a job, just advice.",
		"Could you tell me about the hiring process in your field?",
		"I'm hoping to understand which roles suit someone with my background.",
		"I'd appreciate any advice on how to approach the job search.",
		"I know you're not hiring, and that's not why I'm writing.",
		"I would be happy to help with anything you need for the call.",
		"Are there any books you'd recommend for someone starting out?",
		"Is there anyone else you think I should talk to?",
		"I'm between jobs and using the time to explore the field.",
		"Would you be open to a 20-minute call about your work?",
		"I'd love to learn about opportunities in the field generally.",
		"I saw your team is growing and I'm curious what that's like.",
		"If you have any time in the coming weeks, I'd be grateful for 20 minutes.",
		"I'd love to hear how your team has grown.",
		"I'm curious what a typical day looks like for someone in your role.",
		"Is it common for people to move from nursing into informatics?",
		"How did you decide to take the position you have now?",
		"I'm not applying anywhere yet; I just want to understand the work.",
		"I'm in my first job out of school and want to learn about yours.",
		"I'd be happy to send you my questions ahead of time.",
		"Could I ask how your hiring has changed since the pandemic?",
		"If you're too busy right now, I completely understand.",
		"My internship last summer made me curious about your field.",
		"I'd value your perspective on whether this path fits me.",
		"I'm happy to call whenever works for you.",
		"I know the company is growing fast, which must be exciting.",
		"I'd like to ask what you wish you'd known before taking your first role.",
		"If it would help, I can share a few questions beforehand.",
		"What do you look for in a new hire?",
		"Would you be willing to share how you found your current position?",
		"I'm a recruiter myself and curious about engineering management.",
		"I left my job in banking last year to retrain as a teacher.",
		"Do you have any advice for someone starting out?",
		"Thanks again for the advice about applications; it helped a lot.",
		"Are there any professional associations you would recommend?",
		"I hope this finds you well.",
		"I'd love to learn how you balance client work with managing the team.",
		"I'm currently an intern at a small agency, and I'd love to learn how you moved into brand strategy.",
		"I just started a new role as a teaching assistant, which got me thinking about instructional design.",
		"Just so you know, I'm not looking for work; I'm happily employed and only curious.",
		"This isn't a job inquiry, I promise.",
		"I'm not after a position, only your perspective.",
		"I'd love to hear what made you take the job at the museum.",
		"Could you tell me how people usually find internships in this field?",
		"What does the path from intern to associate typically look like?",
		"I've been applying my statistics training to public health data.",
		"Would it be possible to talk for 20 minutes about how you got your first role?",
		"I'm hoping to understand what hiring managers in nonprofits value.",
		"I'd really like to learn what the job involves day to day.",
		"Do most people in your field start in internships?",
		"My sister is applying for nursing jobs, and I'm curious about the field myself.",
		"I spent two summers interning on a farm and loved it.",
		"When you were hiring your first employee, what surprised you?",
		"Is the job market in your field as tight as people say?",
		"I know you're busy, so if now isn't a good time I completely understand.",
		"I'd welcome any advice about whether to take a second degree.",
		"I'm happy to work around whatever suits you.",
		"If it helps, I can send a couple of questions ahead of time.",
		"I'd be grateful for your honest view of the work.",
		"Would you be open to a short call sometime in the next few weeks?",
		"Your team's work on the bridge retrofit is why I'm writing.",
		"I'd love to hear how your team decides which projects to take on.",
		"I read the job postings on your site to understand the roles, not to apply.",
		"hiring in games seems brutal right now, how did you get through it?",
		"I'm not applying for anything, I just want to know what the work is like.",
		"I've got no interest in a job right now, just curiosity.",
		"What would you tell someone like me who is just starting out?",
		"Is there anyone else you think I should talk to?",
		"I'd be happy to meet at your office or talk by phone, whatever is easiest.",
		"Once I've finished my degree I'd like to understand which roles suit me.",
		"I'm a recruiter in tech, curious about how engineers choose teams.",
		"I left my role at the bank in March.",
		"I would love to know if the work is as creative as it looks.",
		"If you have 15 minutes free next week, I'd love to hear about your path.",
		"Could I ask what an opening week of a new exhibit is like?",
		"I'd love to hear about your work with the team at Harbor Labs.",
		"I'm keen to learn how your firm approaches mentoring new hires.",
		"I'm not sure whether a job in policy is right for me, which is why I'm asking.",
		"If anything comes up on your end, just let me know.",
		"If something changes in your schedule, no problem at all.",
		"I'd be glad to bring my questions to you in advance.",
		"My experience to date has been in retail.",
		"I have been a member of your alumni association for years, and I'd love 20 minutes.",
		"I'm a member of your church's young adults group and would value your advice.",
		"Would next Tuesday work for you?",
		"Does a call on Friday work for you, or would another day be better?",
		"I'm looking to understand how the work has changed.",
		"I'm looking to learn from people further along the path.",
		"I'm confident this conversation would help me decide.",
		"If anything pops up in your calendar, we can move it.",
		"I'm happy to pick a time that suits you.",
		"I'd love to pick your brain about the field.",
		"I'm transitioning out of teaching and trying to learn about UX.",
		"I wrote recently because of my boss-ish at the library usability lab (campus job) to ask whether you might share 20 minutes about your experience in UX research.",
		"If you have any openings in your calendar next week, I'd love 20 minutes.",
		"Do you have an opening for a call on Thursday?",
		"Is there a slot in your week for a 20-minute call?",
		"If a spot opens up in your schedule, I'd be grateful for 15 minutes.",
		"I'd love an opportunity to learn from you.",
		"Would you have time for a call? I'm flexible on the position of the meeting.",
		"If you'd rather, I can send my questions by email instead.",
		"I'd love to hear how you position yourself in the market.",
		"Thank you for the opportunity to speak with you.",
		"Could I ask how you'd approach the role of a junior analyst if you were starting today?",
		"I'm hoping to take on more responsibility in my current job.",
		"I would like to learn what your team looks for in new hires.",
		"If you're open to it, I'd love to hear about your path.",
		"I hope you don't mind me reaching out; I'm not job hunting.",
		"My application to grad school is due soon, and your advice would help.",
		"Are there any roles in the field you think are underrated?",
		"Would you recommend any internships programs for students in general?",
		"I'd be grateful for 20 minutes whenever suits you.",
		"Should you prefer, a phone call would suit me perfectly well.",
		"I'm keen to learn how you built your practice.",
		"I wondered whether you might spare twenty minutes.",
		"If you guys are ever in town, coffee's on me.",
		"I'm open to meeting wherever is easiest for you.",
		"I work weekends as a server, so evenings suit me best.",
		"I'd love to hear about the work experience that shaped you most.",
		"My career started in sales, which is why this path interests me.",
		"I'd welcome the chance to hear your story.",
		"Could you keep me posted if the time changes?",
		"Do you know if the conference is open to students?",
		"I'm happy to help however I can with the arrangements for our call.",
		"I'm definitely not angling for a role on your team.",
		"Is there any chance you'd have 20 minutes next week?",
		"Any chance we could talk by phone instead?",
		"If you hear of anything interesting on the topic I'd love to read it.",
		"There's a chance I'll be in Boston next month.",
		"I'm hoping to land an internship next summer and want to understand what firms look for.",
		"I'd love to find a job where I can use my Spanish, which is partly why I'm curious about your path.",
		"My goal is a research position eventually, so I'd value your perspective on the PhD.",
		"I want a career that matters, and your work on water policy is the kind I admire.",
		"Eventually I hope to work in public health.",
		"Do you think I'd suit this field, given my background?",
		"I'd love to hear how you chose people for the spring cohort.",
		"When internship season comes round next autumn I'll go in knowing more.",
		"I'll take up your suggestion to talk to Leah, and I'm glad to do it.",
		"You probably get a lot of messages asking for jobs; this isn't one of those.",
		"I know people asking for internships must fill your inbox.",
		"If you have projects you'd like to talk about, I'd love to hear about them.",
		"I'd love to prove myself in a new field one day.",
		"I'm in the running for a scholarship, and I'd love to hear how you chose your program.",
		"I want a mentor who knows the trade, and I'd love to hear how you found yours.",
		"Thank you for the interview advice; I'll try it out at my next panel.",
		"If the museum ever wants a new wing, I'd love to read about it.",
		"If you hear of anything opening to the public at the museum, I'd love to visit.",
		"Are internships common in your field?",
		"I'm interested in the job of a sommelier.",
		"My interest in the field started in college.",
		"I've read your book and wondered how you got started.",
		"I applied for a job at Acme last year and I'd love to hear about your path.",
		"Thank you for the interview on Tuesday; I'd love to stay in touch.",
		"Thanks again for the interview, and for pointing me to the guild.",
		"Thank you for our interview on Tuesday, I learned a lot.",
		"I interviewed for a role elsewhere last month, and it made me curious about your work.",
		"If anything about my question doesn't fit your schedule, a call works too.",
		"I'm considering a career as a paralegal.",
		"I'd love to know the way in to the field for career changers.",
		"I'm not asking to be considered for anything, only to learn.",
		"I worked as a deckhand for two summers and loved it.",
		"I'd love to be your guest on the podcast sometime.",
		"Could you pass my thanks to your colleague Sam?",
		"I'd be glad to take notes and send you a summary afterwards.",
		"Could you give me a chance to ask a few questions about your work?",
		"That talk gave me the push to write to you.",
		"I admire the work your team has done on river sensors, and I'd love to hear about it.",
		"I'd love to hear what work your team has on at the moment.",
		"I'd love to be on the call whenever suits you.",
		"Could you show me what a typical day looks like?",
		"I value your time, so I'll keep my questions short.",
		"I'd love to hear how you train new apprentices.",
		"Is there a budget for a conference trip in your team, or do people pay their own way?",
		"I'd love to hear how your team makes room for a newcomer's questions.",
		"I'd love to hear how your team plans capacity for a busy season.",
		"I won't ask you to forward my résumé or put in a word.",
		"I'm not after a job or an internship at your firm, only your story.",
		"Thank you for your time. I applied your tip about informational interviews to two more calls this week.",
		"Could you recommend me to read anything before we talk?",
		"Thank you for the interview on Monday. Your advice on portfolios was exactly what I needed.",
		"Thank you for the conversation. When internship applications open next year, I'll know far more about what to look for.",
		"Is the job market still tough for new grads?",
		"I wouldn't hesitate to recommend your podcast to anyone.",
		"I'd love to hear how you got in at the ground floor of the industry.",
		"If the weather is bad, we can talk by phone instead.",
		"I'm curious how your practice decides when to hire a receptionist.",
		"What would you tell someone who is searching for a first job in your field?",
		"Did you join Halden Labs straight after your degree?",
		"If your team is looking for a new tool, I'd love to hear what you pick.",
		"I'd love to hear about what joining your team was like for you.",
		"I'd love to hear how joining a startup changed your week.",
		"If your company is looking for a way to cut waste, your talk showed it.",
		"I'd love to see how your bench is set up, if you have a spare moment.",
		"When you were starting out, did you apply to many studios before one took you on?",
		"Is it true that your team only hires people with a PhD?",
		"Is it common for your team to hire juniors straight from school?",
		"I'm not looking for an internship right now; I want to understand the work first.",
		"I know your team is hiring, but that's not why I'm writing.",
		"I'm applying to master's programs this fall and would love your view on which skills matter.",
		"I'd love to bring my questions to you whenever suits.",
		"I could use an hour of advice, but twenty minutes would already help.",
		"I'd love to hear where you started, and whether you began at your firm or elsewhere.",
		"If your schedule is tight this month, I'd be glad to talk by phone instead.",
		"If you're short on time, I'm happy to send my questions by email.",
		"If your team needs anything from me before the call, I'm available.",
		"How did someone like you get started in the field?",
		"If your studio is growing, I'd love to hear how you decide whom to hire.",
		"I'd love to be part of the audience at your next talk.",
		"I'm not asking for work, though I'd happily help at your open day as a visitor.",
		"Should your office be closed that week, I can call instead.",
		"If the lab is short-staffed this month, I completely understand if you can't make time.",
		"I know your clinic is expanding, so no pressure at all.",
		"If your crew is out on a job, a quick call from the truck would be perfect.",
		"I've just started as an apprentice electrician and want to know what the next five years look like.",
		"My internship ends in August, and I'm exploring what comes after.",
		"I'm not after an opening, just twenty minutes of your perspective.",
		"How did you decide to take on apprentices in your shop?",
		"What do you look for when you bring on a new associate?",
		"I'm currently employed as a nurse and happy there.",
		"If anything comes up and you need to move our call, that's completely fine.",
		"I'd be happy to send over my questions in advance if that helps you prepare.",
		"Would you be willing to share how you got your first position?",
		"I applied your advice about informational interviews and it's been great.",
		"I'm applying to graduate programs in public health next fall.",
		"If your studio is recruiting, I'd love to hear how you run interviews.",
		"I'm a recruiter myself, so I know how full your inbox must be.",
		"I'd love to learn how someone like me could prepare for the field over the next few years.",
		"Is it true your department hires mostly from its volunteer pool?",
		"I know you're busy, so if it's easier I can come to you.",
		"If there's someone on your team who'd be better to ask, I'd be grateful for a name.",
		"I'm happy to bring printed questions to our chat.",
		"If you ever need anything for your students, I'm glad to share the article.",
		"I'd love to hear what your team looks for in new hires.",
		"How did you land your first role at the agency?",
		"I'm not looking for a job; I just want to learn about the work.",
		"If your schedule fills up, I'm happy to wait until next month.",
		"I've heard your firm hires mostly through internships; is that typical?",
		"Would you be open to a 15-minute call next week?",
		"If you're short on time, even ten minutes would help me a lot.",
		"What do you wish someone had told you when you joined the team?",
		"I volunteer at the food bank on weekends, which is how I got interested in logistics.",
		"I'm happy in my current job but curious about your field.",
		"If it's easier, I can come by the shop before it opens.",
		"I'd be glad to send my questions ahead so you can pick the ones you like.",
		"Should you prefer, we could talk over the phone instead.",
		"I start a new position in March, so I'm learning all I can about the sector.",
		"If your team is ever looking for speakers for the student chapter, I'd be glad to pass that along.",
		"I was laid off in May and I'm taking time to think about what comes next.",
		"I'm trying to figure out whether to apply to nursing school or go straight into work.",
		"My manager suggested I talk to people outside my company.",
		"What would someone like me need to learn before applying anywhere in this field?",
		"I'm not after a role, only your perspective.",
		"If you'd rather do this over email, that works for me too.",
		"Did your studio hire many juniors last year?",
		"Could you tell me if you like your job?",
		"Could you tell me whether you like the job?",
		"I wonder if you like the job.",
		"I'm curious whether you still enjoy the role after all these years.",
		"Do you find the job as demanding as it looks?",
		"Could I call you whenever you're free next week?",
		"could i grab 15 min on voice sometime whenever ur free?",
		"I can work around your shifts, weekends included.",
		"Feel free to say no if the timing is bad.",
		"I volunteer at a clinic two days a week, which got me curious about your work.",
		"Is there a chance for me to ask you a few questions about your clinic?",
		"My team leads at the hospital speak highly of you.",
		"How does your summer associate program compare with a clerkship?",
		"I would happily call you any evening this week.",
		// Clean sentences beside the implied asks above.
		"I'll be applying to the fellowship you recommended, so thank you for pointing me to it.",
		"Thank you again; I'm applying to the MPH programs you suggested this fall.",
		"Thank you for considering my request.",
		"I could start by telling you a little about my background, if that helps.",
		"I could start the call with a quick summary of my project.",
		"I'd love to start right after our call on the reading you suggested.",
		"I can start in June on the course you recommended.",
		"I've always dreamed of working in wayfinding design, which is why your signage work speaks to me.",
		"Working at a big agency would be a dream for many graduates, but I'm curious what it's really like.",
		"Getting to hear how you built the studio would be a dream.",
		"It would be a privilege to learn from you for twenty minutes.",
		"Kindly let me know if Thursday works.",
		"I humbly request twenty minutes of your time to learn how you moved into marine structures.",
		"I would request you to share any reading you found useful early on.",
		"If you ever sub out tile, I'd love to hear how you choose your subs.",
		"If your studio outsources illustration, I'd love to hear how you find freelancers.",
		"If you have too much on your plate this month, please feel free to ignore this.",
		"If you have an extra minute, could you send me the article you mentioned?",
		"If you have too many requests like this, I completely understand.",
		"Could you give me some advice on portfolios?",
		"Could you give me a few pointers on bidding for public contracts?",
		"How do you decide which jobs to bid on?",
		"Could you send the project brief to me after the call?",
		"I've attached my notes from the talk in case they're useful.",
		"In case your team is looking for speakers, I can pass along a colleague's name.",
		"I'll leave a copy of the article at the front desk in case you want it.",
		"I'm moving to Lisbon in September and would love to hear how you found the lab community there.",
		"Is there any capacity in your schedule for a short call next week?",
		"If you ever want to send your students my way for a talk on field recording, I'd be happy to help.",
		"I'd love to get involved in the field someday and would value your perspective on where to start.",
	}
	resumeOfferSentences = []string{
		"I'm glad to send my design portfolio if it helps.",
		"My code samples live at gitlab.com/ines-r if you're curious.",
		"My background is summarized on my LinkedIn profile.",
		"My resume is up on my LinkedIn if you want a look.",
		"Here's a Drive link to my CV: drive.google.com/abc",
		"I dropped my CV in the DM above.",
		"I've attached my CV for context.",
		"You can find my resume on my website, janedoe.com.",
		"Please see my attached résumé.",
		"I've included a copy of my CV below my signature.",
		"Happy to share my CV if helpful.",
		"My CV is linked in my profile.",
		"I'll send over my resume after this.",
		"Attached you'll find my résumé.",
		"Let me know if you'd like my CV.",
		"I put my resume in the shared folder for you.",
		"My portfolio and resume are at www.example.com.",
		"I can forward my resume if that's useful.",
		"Would it help if I sent my CV?",
		"I've uploaded my resume to the chat.",
		"résumé attached",
		"I pasted my CV below.",
		"I can bring my resume to our chat if you'd find it helpful.",
		"I've popped my CV in the attachments.",
		"CV's in the link below.",
		"Here's a link to my resume.",
		"My resume (PDF) is attached.",
		"resume attached fyi",
		"attaching cv",
		"I'll drop my resume off at the front desk.",
		"I've shared my CV via WeTransfer.",
		"My CV lives on my personal site.",
		"You'll find my CV in my LinkedIn featured section.",
		"Also attached: my résumé.",
		"I can send you a CV if that helps.",
		"want my cv?",
		"resume link in bio",
		"I've included my CV for reference.",
		"I'm sending my resume along in case it's helpful.",
		"Please take a look at my resume when you get a chance.",
		"I've put my résumé in the shared Google Drive folder.",
		"My CV and a few project write-ups are pinned in my profile here.",
		"My résumé and samples are at jordanlee.design if that helps.",
		"In case it's useful, here's a folder with my CV: dropbox.com/sh/abc123",
		"My portfolio, with my CV on the About page, is jamie.works/about.",
		"My CV is in the thread above if you want context.",
		"I've pinned my résumé to my profile.",
		"My résumé lives at github.com/jdoe/cv if you're curious.",
		"Should you want more background, my CV is on my personal site.",
		"My CV's the second attachment.",
		"Full CV available on request.",
		"the resume is up on my linkedin if u wanna peek",
		"My curriculum vitae follows this letter.",
		"I've tucked my résumé into the envelope.",
		"I'll DM you my resume after this.",
		"ps. cv in thread",
		"Resume: linkedin.com/in/sam-okafor",
		"I've attached Maya_Lopez_background_2025.pdf in case it's useful.",
		"Portfolio & resume: mayalopez.design/resume",
		"The QR code on my card links to my CV.",
		"I have enclosed a short bio so you know where I'm coming from.",
		"You'll find my CV pinned to my profile.",
		"My resume lives at janedoe.dev if you're curious.",
		"I've popped my CV in the attachments.",
		"Resume's in the drive folder I shared earlier.",
		"Sending over my resume so you have some context.",
		"Here is a link to my background: bit.ly/jdoe-cv",
		"I can bring a copy of my CV to the call.",
		"My resume is on file with your HR department too.",
		"Happy to share my CV if that's useful.",
		"attached my cv just in case",
		"My portfolio's at mayaphotoworks.com if you'd like to see what I shoot.",
		"My reel's up at vimeo.com/jdoe if it helps to see my work.",
	}
	notResumeOfferSentences = []string{
		"I'm building my portfolio and would love to know what studios look for.",
		"I'm happy to share my background when we talk.",
		"Could you tell me what you'd include in a portfolio?",
		"My work at the clinic taught me a lot.",
		"What do you look for in a strong resume?",
		"I'm working on my resume and curious what matters in your field.",
		"Your talk on résumé mistakes was great.",
		"I'm not attaching a CV because this isn't a job request.",
		"Could we resume our talk next week?",
		"I'll bring a copy of my resume in case you ask for it.",
		"I updated my LinkedIn profile after our chat.",
		"Thanks for the résumé tips you shared last month.",
		"How much does a CV matter compared with a portfolio?",
		"I'd love to hear how you'd tailor a resume for this field.",
		"My CV is mostly lab work so far, which is why I'm curious about industry.",
		"I have no CV to speak of yet.",
		"I'm updating my CV after our chat.",
		"What should a CV in your field emphasize?",
		"I'm not sending a CV, since this isn't an application.",
		"Your résumé workshop at the library helped me.",
		"I've been told my CV is too long.",
		"I sent my CV to a few places last year without luck.",
		"I submitted my resume to several firms before realizing I needed to learn more.",
		"My resume says engineer, but my heart says design.",
		"I don't have a résumé in this field yet.",
		"A careers adviser urged me to enclose a CV; I haven't, since this is not an application.",
		"Everyone tells me to attach my résumé, but this is only a request to learn.",
		"I read your post at blog.example.com about résumé myths.",
		"I'd love to know how you built your portfolio site, e.g. whether a CV page matters.",
		"A friend told me to attach my résumé, but I'd rather just talk.",
		"I read your article at hbr.org about CVs.",
		"I left my CV off on purpose.",
		"I'm not attaching a CV, since this isn't an application.",
		"My résumé is thin on lab work, so I'd love to hear how you built yours.",
		"A recruiter once told me my CV was too long.",
		"How long should a CV be in your field?",
		"I'd be glad to hear your thoughts on request letters in your field.",
		"My resume is not the point here; I'd just like to hear your story.",
		"I've attached the article PDF you mentioned.",
		"Should I enclose a short bio with my graduate school application?",
		"Your post links to a resume template I found useful.",
		"My resume feels thin, so I'm trying to understand which experiences count.",
		"I left my CV out on purpose; this is only about learning.",
		"Your article on CVs in design was really helpful.",
		"My CV is a mess, so I'd love to hear what matters in your field.",
		"I won't attach my resume; I just want to hear about your work.",
		"Our career office told me to always attach a CV, but that felt wrong here.",
		"My portfolio's a work in progress, so I'd love to know what editors look for.",
		"My portfolio's thin on editorial work, which is why I'm curious how you got started.",
	}
)

func rulesOf(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func TestDetectorSentences(t *testing.T) {
	for _, tc := range []struct {
		rule     string
		sentence []string
		want     bool
	}{
		{RuleJobAsk, jobAskSentences, true},
		{RuleJobAsk, notJobAskSentences, false},
		{RuleResumeOffer, resumeOfferSentences, true},
		{RuleResumeOffer, notResumeOfferSentences, false},
	} {
		for _, s := range tc.sentence {
			fs := Check(s, Context{})
			if got := slices.Contains(rulesOf(fs), tc.rule); got != tc.want {
				t.Errorf("%s found = %v, want %v in %q (findings %v)", tc.rule, got, tc.want, s, rulesOf(fs))
			}
		}
	}
}

// Every structural finding names its parts, and each part lies inside the
// finding's sentence, so `ally check --explain` can quote them.
func TestFindingParts(t *testing.T) {
	for _, tc := range []struct {
		text string
		rule string
		want map[string]string // role -> quoted words
	}{
		{"Should a seat ever open up in your studio, I hope you'll think of me.", RuleJobAsk,
			map[string]string{PartTarget: "seat", PartAsk: "Should", PartBeneficiary: "I"}},
		{"Honestly I'd love to join your crew one day.", RuleJobAsk,
			map[string]string{PartTarget: "join your crew", PartAsk: "love", PartBeneficiary: "I'd"}},
		{"Are you hiring?", RuleJobAsk,
			map[string]string{PartTarget: "hiring", PartAsk: "Are"}},
		{"My résumé is up on my LinkedIn if you want a look.", RuleResumeOffer,
			map[string]string{PartTarget: "résumé", PartAsk: "LinkedIn", PartBeneficiary: "My"}},
	} {
		var f *Finding
		fs := Check(tc.text, Context{})
		for i := range fs {
			if fs[i].Rule == tc.rule {
				f = &fs[i]
			}
		}
		if f == nil {
			t.Errorf("%q: no %s finding in %v", tc.text, tc.rule, rulesOf(fs))
			continue
		}
		got := map[string]string{}
		for _, p := range f.Parts {
			if p.Start < 0 || p.End > len(tc.text) || p.Start >= p.End {
				t.Fatalf("%q: part %+v outside the text", tc.text, p)
			}
			got[p.Role] = tc.text[p.Start:p.End]
		}
		if !maps.Equal(got, tc.want) {
			t.Errorf("%q: parts = %v, want %v", tc.text, got, tc.want)
		}
		if f.Rewrite == "" || !strings.Contains(f.Message, f.Rewrite) {
			t.Errorf("%q: the message %q does not carry the rewrite %q", tc.text, f.Message, f.Rewrite)
		}
	}
}

// Issue 12 §5: passing a resume along is a resume offer, a job ask when it
// goes to hiring, and "HR" is no length of time.
func TestPassMyResumeAlong(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Could you pass my resume along to HR?", []string{RuleJobAsk, RuleResumeOffer}},
		{"Could you pass my resume along to the hiring manager?", []string{RuleJobAsk, RuleResumeOffer}},
		{"Could you pass my resume along?", []string{RuleResumeOffer}},
		{"I'm curious how HR teams work with engineers.", nil},
		{"Would 2 hrs be too much?", []string{RuleTooMuchTime}},
	} {
		ctx := Context{}
		var got []string
		for _, f := range Check(tc.text, ctx) {
			switch f.Rule {
			case RuleJobAsk, RuleResumeOffer, RuleTooMuchTime:
				if !slices.Contains(got, f.Rule) {
					got = append(got, f.Rule)
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: rules = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// The feeler note may hope to hear of openings, softly; it may not ask
// outright, whatever the wording.
func TestFeelerSoftAsks(t *testing.T) {
	feeler := Context{Kind: Feeler}
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Should anything open up on your team, I hope you'll keep me in mind.", false},
		{"If you hear of anything at your agency, I'd be grateful for a shout.", false},
		{"I would be very grateful if you would consider me for your next trainee intake.", true},
		{"Could you hire me?", true},
	} {
		if got := slices.Contains(rulesOf(Check(tc.text, feeler)), RuleJobAsk); got != tc.want {
			t.Errorf("feeler %q: job_ask = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// The composer (through Check) and the guide (through CheckQuestion) read
// job asks and resume offers with the same detector: same rule, same words.
func TestQuestionAndMessageShareTheDetector(t *testing.T) {
	all := slices.Concat(jobAskSentences, notJobAskSentences, resumeOfferSentences, notResumeOfferSentences)
	for _, s := range all {
		for _, rule := range []string{RuleJobAsk, RuleResumeOffer} {
			var inMessage, inQuestion []string
			for _, f := range Check(s, Context{}) {
				if f.Rule == rule {
					inMessage = append(inMessage, s[f.Start:f.End])
				}
			}
			for _, f := range CheckQuestion(s) {
				if f.Rule == rule {
					inQuestion = append(inQuestion, s[f.Start:f.End])
				}
			}
			if !slices.Equal(inMessage, inQuestion) {
				t.Errorf("%q: %s in a message %q, in a question %q", s, rule, inMessage, inQuestion)
			}
		}
	}
}

// Lengths of time that describe the writer's life ask for nothing.
func TestTimeThatIsNotAsked(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool // too_much_time
	}{
		{"I volunteer at the branch's story hour. Could we talk for 20 minutes, whenever suits you?", false},
		{"I've read about the required clinical hours. Could we talk for 20 minutes, whenever suits you?", false},
		{"I've logged ninety hours in the air. Could we talk for 20 minutes, whenever suits you?", false},
		{"I spend all day on hiring. Could we talk for 20 minutes, whenever suits you?", false},
		{"Could I have a couple of hours of your time?", true},
		{"Could I shadow you all day?", true},
	} {
		if got := slices.Contains(rulesOf(Check(tc.text, Context{})), RuleTooMuchTime); got != tc.want {
			t.Errorf("%q: too_much_time = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// A hard-wrapped line keeps its clause: the negation reaches the next line.
func TestNegationAcrossAHardWrap(t *testing.T) {
	text := "I would love to learn about your work, and I am not\nasking for a job or an internship. Would you have 20 minutes,\nat your convenience, by phone?"
	if rules := rulesOf(Check(text, Context{})); slices.Contains(rules, RuleJobAsk) {
		t.Errorf("a negated job ask across a line break was reported: %v", rules)
	}
}

// The detector looks a few words around each cue; a text cut anywhere
// (here after every word of every corpus message, and ending on each cue
// word) must never take it past the end.
func TestDetectorOnTruncatedText(t *testing.T) {
	cases := append(loadSet(t, "dev"), loadSet(t, "corpus")...)
	for _, c := range cases {
		a := analyze(c.text, false)
		for _, tok := range a.toks {
			for _, cut := range []string{c.text[:tok.end], c.text[tok.start:]} {
				fs := Check(cut, c.ctx)
				for _, f := range fs {
					for _, p := range f.Parts {
						if p.Start < 0 || p.Start >= p.End || p.End > len(cut) {
							t.Fatalf("%s cut %q: part %+v outside the text", c.file, cut, p)
						}
					}
				}
				CheckQuestion(cut)
			}
		}
	}
}
