1717221601@08/00-06690-1E8BA566@08/00-06690-1E8BA566@09/00-06690-1E8BA566@B@emmadubois49@cox.net@alerts@alerts.ridego.com@transactional@tx-a@4@10@13572@146.78.67.194@550 5.1.1 <emmadubois49@cox.net>... User unknown
1717221605@0B/00-06690-4E8BA566@0B/00-06690-4E8BA566@11/00-06690-5E8BA566@B@linda.thompson@gmail.com@deals@em.travelnest.com@mta1-pool@mta1-a@9@52@27270@64.233.184.26@550-5.7.1 [203.0.113.21      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError p62f8o4u2x9fv-7w2s2t3pmosi81806263fm.713 - gsmtp
1717221619@33/00-06690-2F8BA566@33/00-06690-2F8BA566@34/00-06690-3F8BA566@T@sarah.schmidt@att.net@newsletter@news.shopwise.com@mta1-pool@mta1-d@4@51@92370@67.195.228.110@421 4.7.0 [TSS04] Messages from 203.0.113.24 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
1717221622@01/00-06690-86BE5566@01/00-06690-86BE5566@00/00-00000-00000000@B@jonl4598@oldcompany.biz@alerts@alerts.ridego.com@default@default@0@24@9781@@554 5.4.7 [internal] exceeded max time without delivery
1717221623@3E/00-06690-6F8BA566@3E/00-06690-6F8BA566@3F/00-06690-7F8BA566@B@josephjackson49@fabrikam.com@noreply@notify.bankly.io@transactional@tx-a@4@10@3759@151.88.82.116@550 5.2.1 <josephjackson49@fabrikam.com>: Mailbox disabled, not accepting messages
1717221625@4B/00-06690-8F8BA566@45/00-06690-8F8BA566@00/00-00000-00000000@B@emma_patel@aol.co@hello@mail.fitpulse.app@mta2-pool@mta2-a@0@21@16752@@554 5.4.4 [internal] unable to resolve domain: NXDOMAIN
1717221625@46/00-06690-8F8BA566@45/00-06690-8F8BA566@4F/00-06690-9F8BA566@B@ryans5384@live.com@hello@mail.fitpulse.app@mta2-pool@mta2-a@4@10@16664@104.47.58.33@550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DB5EUR11FT063.eop-eur11.prod.protection.outlook.com]
1717221628@59/00-06690-AF8BA566@59/00-06690-AF8BA566@12/00-06690-5E8BA566@B@susan.mitchell@gmail.com@receipts@mail.shopwise.com@transactional@tx-a@9@52@9007@64.233.184.26@550-5.7.1 [203.0.113.41      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError vp3elxl9rxnfe-tj3uoe6b6gsi8972273fyj.405 - gsmtp
1717221632@@@@M1
1717221635@5F/00-06690-CF8BA566@5F/00-06690-CF8BA566@76/00-06690-309BA566@B@jeffa2322@icloud.com@no-reply@accounts.gamehub.gg@transactional@tx-b@4@10@17544@17.57.154.6@550 5.1.1 <jeffa2322@icloud.com>: user does not exist
1717221638@84/00-06690-609BA566@84/00-06690-609BA566@53/00-06690-9F8BA566@B@melissa+old@yahoo.com@offers@m.homestylehub.com@mta2-pool@mta2-a@4@51@77450@98.136.96.74@553 5.7.2 [TSS09] All messages from 198.51.100.31 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes
1717221641@93/00-06690-909BA566@93/00-06690-909BA566@94/00-06690-909BA566@B@markmartin@truepoint.com.au@alerts@alerts.ridego.com@transactional@tx-a@4@22@9914@45.46.20.146@552 5.2.2 <markmartin@truepoint.com.au>: Mailbox full
1717221644@A3/00-06690-C09BA566@A3/00-06690-C09BA566@A4/00-06690-C09BA566@T@james.hernandez@yahoo.com@noreply@notify.bankly.io@transactional@tx-b@9@70@8190@98.136.96.74@451 Message temporarily deferred - [160]
1717221644@A0/00-06690-C09BA566@A0/00-06690-C09BA566@82/00-06690-509BA566@B@raj1958@gmail.com@offers@m.homestylehub.com@mta2-pool@mta2-a@9@53@142247@142.251.16.27@552-5.7.0 This message was blocked because its content presents a potential 552-5.7.0 security issue. To review our message content and attachment content 552-5.7.0 guidelines, go to 552 5.7.0  https://support.google.com/mail/?p=BlockedMessage 1emosypalp6gl-fzbrmtlqxisi20153992dz.310 - gsmtp
1717221648@02/00-06690-0DB06566@02/00-06690-0DB06566@00/00-00000-00000000@B@josh.scott@gmial.com@billing@billing.cloudnest.io@default@default@0@24@56020@@554 5.4.7 [internal] exceeded max time without delivery
1717221662@F6/00-06690-E19BA566@F6/00-06690-E19BA566@F7/00-06690-E19BA566@B@chrismitchell83@metrodata.io@updates@e.newsdaily.net@mta1-pool@mta1-c@4@10@11450@23.108.2.130@550 5.1.1 <chrismitchell83@metrodata.io>... User unknown
1717221664@F9/00-06690-F19BA566@F9/00-06690-F19BA566@8C/00-06690-809BA566@B@stevej3855@gmail.com@billing@billing.cloudnest.io@transactional@tx-b@9@52@109841@142.250.27.26@550-5.7.1 [203.0.113.42      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError d9vcjp5w1cbhi-qxttipk8jtsi4113192ymu.295 - gsmtp
1717221671@03/00-06690-C45B6566@03/00-06690-C45B6566@00/00-00000-00000000@B@nickk2592@gmial.com@updates@e.newsdaily.net@mta1-pool@mta1-c@0@24@256141@@554 5.4.7 [internal] exceeded max time without delivery
1717221672@2B/01-06690-829BA566@2B/01-06690-829BA566@2C/01-06690-829BA566@B@chris.santos@sunmotors.io@hello@mail.fitpulse.app@mta2-pool@mta2-a@21@10@2679@85.9.160.196@550 [internal] [oob] Invalid Recipient
1717221684@51/01-06690-439BA566@51/01-06690-439BA566@8C/00-06690-809BA566@T@chloe.scott@gmail.com@receipts@mail.shopwise.com@transactional@tx-b@9@51@16915@142.250.27.26@421-4.7.28 [203.0.113.42      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. 6czw5d9vineck-f9dfi4a87asi83009111v8.559 - gsmtp
1717221692@@@@M1
1717221698@8A/01-06690-049BA566@89/01-06690-049BA566@1E/01-06690-529BA566@B@ryanr8538@outlook.com@no-reply@accounts.gamehub.gg@transactional@tx-a@4@10@5257@104.47.55.138@550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [HE1NAM11FT094.eop-nam11.prod.protection.outlook.com]
1717221715@AF/01-06690-259BA566@AF/01-06690-259BA566@B1/01-06690-359BA566@B@paul1979@hotmail.com@newsletter@news.shopwise.com@mta1-pool@mta1-a@4@10@104008@104.47.55.138@550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [SN1EUR10FT060.eop-eur10.prod.protection.outlook.com]
1717221718@B7/01-06690-659BA566@B7/01-06690-659BA566@B8/01-06690-659BA566@B@linda.hill@hotmail.com@hello@mail.fitpulse.app@mta2-pool@mta2-b@21@40@7341@104.47.58.33@550 [internal] [oob] Generic Bounce
1717221718@BC/01-06690-659BA566@BC/01-06690-659BA566@BD/01-06690-659BA566@B@zoewhite@btinternet.com@noreply@notify.bankly.io@transactional@tx-b@9@10@26395@98.136.96.74@554 delivery error: dd This user doesn't have a btinternet.com account (zoewhite@btinternet.com) [0] - mta4374.mail.bf1.yahoo.com
1717221720@C0/01-06690-859BA566@C0/01-06690-859BA566@B1/01-06690-359BA566@B@tony.jackson@Hotmail.com@updates@e.newsdaily.net@mta1-pool@mta1-a@2@50@76369@104.47.55.138@550 5.7.1 Unfortunately, messages from [203.0.113.21] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [DB5NAM10FT093.eop-nam10.prod.protection.outlook.com]
1717221724@CA/01-06690-C59BA566@CA/01-06690-C59BA566@CB/01-06690-C59BA566@B@robinson.carol@yahoo.com@deals@em.travelnest.com@mta1-pool@mta1-b@21@60@6439@67.195.204.72@550 [internal] [oob] Auto-Reply
1717221726@CF/01-06690-E59BA566@CF/01-06690-E59BA566@D0/01-06690-E59BA566@B@anna.williams@gmail.com@hello@mail.fitpulse.app@mta2-pool@mta2-a@4@10@73956@2607:f8b0:4004:c1b::1b@550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser m7jm9us5cgffd-9su6otwarvsi7469918ny4.802 - gsmtp
1717221732@D9/01-06690-369BA566@D9/01-06690-369BA566@61/01-06690-939BA566@B@markroberts@gmail.com@receipts@mail.shopwise.com@transactional@tx-a@4@10@98750@172.253.122.27@550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser yahfgl95ej55d-xzlgmm3mk1si7276992dtw.388 - gsmtp
1717221739@F6/01-06690-B69BA566@F2/01-06690-B69BA566@8C/00-06690-809BA566@B@daniel.flores@gmail.com@alerts@alerts.ridego.com@transactional@tx-b@4@10@6158@142.250.27.26@550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser ojeslcjxgf2a3-buiickmgk9si27166287d1.226 - gsmtp
1717221740@01/02-06690-B69BA566@01/02-06690-B69BA566@0C/02-06690-C69BA566@B@betty_campbell@example.com@billing@billing.cloudnest.io@transactional@tx-b@4@10@80944@151.182.12.112@550 5.1.1 <betty_campbell@example.com>: Recipient address rejected: User unknown in local recipient table
1717221752@@@@M1
1717221812@@@@M1
1717221872@@@@M1
1717221932@@@@M1
1717221967@0E/01-06690-329BA566@0C/01-06690-329BA566@68/02-06690-F4ABA566@T@andrew+home@yahoo.com@receipts@mail.shopwise.com@transactional@tx-a@9@22@11438@67.195.204.72@452 4.2.2 <andrew+home@yahoo.com>... Over quota, try again later
1717221983@71/01-06690-D39BA566@70/01-06690-D39BA566@6A/02-06690-F5ABA566@T@maria+box@protonmail.com@alerts@alerts.ridego.com@transactional@tx-b@4@70@5186@77.87.34.114@451 4.7.1 <maria+box@protonmail.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/protonmail.com.html
1717221992@@@@M1
1717222052@@@@M1
1717222112@@@@M1
1717222172@@@@M1
1717222232@@@@M1
1717222292@@@@M1
1717222352@@@@M1
1717222412@@@@M1
1717222472@@@@M1
1717222532@@@@M1
1717222574@78/00-06690-309BA566@78/00-06690-309BA566@76/02-06690-EACBA566@T@joseph.hall@brightcloud.ca@alerts@alerts.ridego.com@transactional@tx-b@12@70@3016@91.244.38.17@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717222592@@@@M1
1717222652@@@@M1
1717222712@@@@M1
1717222772@@@@M1
1717222832@@@@M1
1717222892@@@@M1
1717222952@@@@M1
1717223012@@@@M1
1717223072@@@@M1
1717223132@@@@M1
1717223192@@@@M1
1717223252@@@@M1
1717223312@@@@M1
1717223372@@@@M1
1717223432@@@@M1
1717223492@@@@M1
1717223552@@@@M1
1717223612@@@@M1
1717223672@@@@M1
1717223732@@@@M1
1717223758@71/01-06690-D39BA566@70/01-06690-D39BA566@87/02-06690-E41CA566@T@maria+box@protonmail.com@alerts@alerts.ridego.com@transactional@tx-b@4@70@5186@77.87.34.114@451 4.7.1 <maria+box@protonmail.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/protonmail.com.html
1717223792@@@@M1
1717223820@0E/01-06690-329BA566@0C/01-06690-329BA566@88/02-06690-C81CA566@B@andrew+home@yahoo.com@receipts@mail.shopwise.com@transactional@tx-a@9@22@11438@98.136.96.74@552 5.2.2 <andrew+home@yahoo.com>... Mailbox full
1717223852@@@@M1
1717223876@78/00-06690-309BA566@78/00-06690-309BA566@89/02-06690-4C1CA566@T@joseph.hall@brightcloud.ca@alerts@alerts.ridego.com@transactional@tx-b@12@70@3016@91.244.38.17@421 4.7.0 Too many concurrent SMTP connections from this IP; try again later
1717223912@@@@M1
1717223972@@@@M1
1717224032@@@@M1
1717224092@@@@M1
1717224152@@@@M1
1717224212@@@@M1
1717224272@@@@M1
1717224332@@@@M1
1717224392@@@@M1
1717224452@@@@M1
1717224512@@@@M1
1717224572@@@@M1
1717224632@@@@M1
1717224692@@@@M1
1717224752@@@@M1
1717224812@@@@M1
1717224872@@@@M1
1717224932@@@@M1
1717224992@@@@M1
1717225029@66/01-06690-A39BA566@66/01-06690-A39BA566@8A/02-06690-546CA566@B@maria+news@yandex.ru@msprvs1=19970t9c6ezcy0b7=bounces-238220@sparkpostmail1.com@mta1-pool@mta1-d@4@22@33197@188.198.64.131@552 5.2.2 <maria+news@yandex.ru>: Mailbox full
1717225052@@@@M1
1717225112@@@@M1
1717225172@@@@M1
1717225232@@@@M1
1717225292@@@@M1
1717225352@@@@M1
1717225412@@@@M1
1717225472@@@@M1
1717225532@@@@M1
1717225592@@@@M1
1717225652@@@@M1
1717225712@@@@M1
1717225772@@@@M1
1717225832@@@@M1
1717225892@@@@M1
1717225952@@@@M1
1717226012@@@@M1
1717226032@DE/01-06690-669BA566@DE/01-06690-669BA566@00/00-00000-00000000@B@chris.jensen@me.com@noreply@notify.bankly.io@transactional@tx-a@0@24@4625@@554 5.4.7 [internal] exceeded max time without delivery
1717226067@71/01-06690-D39BA566@70/01-06690-D39BA566@00/00-00000-00000000@B@maria+box@protonmail.com@alerts@alerts.ridego.com@transactional@tx-b@0@24@5186@@554 5.4.7 [internal] exceeded max time without delivery
1717226072@@@@M1
1717226132@@@@M1
1717226192@@@@M1
1717226252@@@@M1
1717226312@@@@M1
1717226365@78/00-06690-309BA566@78/00-06690-309BA566@00/00-00000-00000000@B@joseph.hall@brightcloud.ca@alerts@alerts.ridego.com@transactional@tx-b@0@24@3016@@554 5.4.7 [internal] exceeded max time without delivery
1717226372@@@@M1
1717226432@@@@M1
1717226492@@@@M1
1717226552@@@@M1
1717226612@@@@M1
1717226672@@@@M1
1717226732@@@@M1
1717226792@@@@M1
1717226852@@@@M1
1717226912@@@@M1
1717226972@@@@M1
1717227032@@@@M1
1717227092@@@@M1
1717227152@@@@M1
1717227212@@@@M1
1717227272@@@@M1
1717227332@@@@M1
1717227392@@@@M1
1717227452@@@@M1
1717227512@@@@M1
1717227572@@@@M1
1717227632@@@@M1
1717227692@@@@M1
1717227752@@@@M1
1717227812@@@@M1
1717227872@@@@M1
1717227932@@@@M1
1717227992@@@@M1
1717228052@@@@M1
1717228112@@@@M1
1717228172@@@@M1
1717228232@@@@M1
1717228292@@@@M1
1717228352@@@@M1
1717228412@@@@M1
1717228472@@@@M1
1717228532@@@@M1
1717228592@@@@M1
1717228652@@@@M1
1717228712@@@@M1
1717228772@@@@M1
1717228832@@@@M1
1717228892@@@@M1
